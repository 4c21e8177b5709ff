import Logging

extension Modem {
    /// Probe, identify, unlock the SIM, enable caller ID and read the network state.
    func initialize(_ channel: ATChannel) async throws {
        shared.withLock { $0.needsReinitialisation = false }
        setState(.probing)
        try await probe(channel)
        setState(.initializing)
        // Echo is on after power-up; the channel drops echoed lines until ATE0 takes.
        try await channel.run("ATE0")
        try await tolerant(channel, "AT+CMEE=1")

        var identity = ModemIdentity()
        identity.manufacturer = IdentityParser.text(try await channel.send(ATCommand("AT+CGMI")).lines)
        identity.model = IdentityParser.text(try await channel.send(ATCommand("AT+CGMM")).lines)
        identity.revision = IdentityParser.text(try await channel.send(ATCommand("AT+CGMR")).lines)
        identity.imei = IdentityParser.digits(try await channel.send(ATCommand("AT+CGSN")).lines, length: 14...17)
        let quirks = VendorDetection.quirks(manufacturer: identity.manufacturer ?? "", model: identity.model ?? "")
        identity.vendor = quirks.vendor
        shared.withLock { $0.quirks = quirks }
        logger.info(
            "modem identified",
            metadata: ["vendor": "\(quirks.vendor)", "model": "\(identity.model ?? "?")", "imei": "\(identity.imei ?? "?")"]
        )
        for command in quirks.setupCommands {
            try await tolerant(channel, command)
        }
        // Caller ID, +CRING: VOICE and text-mode SMS; then the SIM and the network.
        try await channel.run("AT+CLIP=1")
        try await tolerant(channel, "AT+CRC=1")
        try await tolerant(channel, "AT+CMGF=1")
        // Registration changes announced (`+CREG: <stat>`): a lost network takes the numbers offline
        // at once instead of at the next poll.
        try await tolerant(channel, "AT+CREG=1")
        // Call-waiting indication: a second caller while the SIM is busy with a call is shown as
        // `+CCWA` (recorded, rejected with AT+CHLD=0) instead of hearing busy unseen. Refused by
        // SIMs without the service: then such a caller hears busy (sim-capacity.md).
        try await enableCallWaiting(channel)
        shared.withLock { $0.status.identity = identity }

        try await unlockSIM(channel, quirks: quirks)
        identity.imsi = IdentityParser.digits(try await channel.send(ATCommand("AT+CIMI")).lines, length: 6...15)
        for command in quirks.iccidCommands {
            let response = try await channel.send(command)
            if response.isSuccess, let iccid = IdentityParser.iccid(response.lines) {
                identity.iccid = iccid
                break
            }
        }
        identity.ownNumber = IdentityParser.ownNumber(try await channel.send(.query("AT+CNUM")).lines)
        shared.withLock { $0.status.identity = identity }
        continuation.yield(.identified(identity))
        try await refresh(channel)
    }

    private func probe(_ channel: ATChannel) async throws {
        for attempt in 1...max(1, configuration.probeAttempts) {
            do {
                if try await channel.send(ATCommand("AT", timeout: configuration.probeTimeout)).isSuccess { return }
            } catch .timeout {
                logger.debug("no answer to AT", metadata: ["attempt": "\(attempt)"])
            }
        }
        throw ModemFault.unresponsive(probes: max(1, configuration.probeAttempts))
    }

    /// Reads the SIM state and enters the PIN if needed. A SIM that cannot be used is a fault; a
    /// PIN problem is never retried (the SIM would lock behind its PUK).
    private func unlockSIM(_ channel: ATChannel, quirks: any VendorQuirks) async throws {
        var sim = try await simStateOnceNotBusy(channel, quirks: quirks)
        if sim == .pinRequired, let pin = configuration.pin {
            logger.info("entering SIM PIN")
            let response = try await channel.send(ATCommand("AT+CPIN=\"\(pin)\"", timeout: .seconds(20)))
            if !response.isSuccess {
                logger.error("SIM PIN rejected; not retrying to protect the PUK", metadata: ["result": "\(response.result)"])
                shared.withLock { $0.status.simState = sim }
                setState(.pinRequired)
                throw ModemFault.pinProblem("the configured PIN was refused (\(response.result)); not retried")
            }
            try await Task.sleep(for: .milliseconds(500))
            sim = try await simStateOnceNotBusy(channel, quirks: quirks)
        }
        shared.withLock { $0.status.simState = sim }
        switch sim {
        case .ready: return
        case .pinRequired:
            setState(.pinRequired)
            throw ModemFault.pinProblem(configuration.pin == nil ? "the SIM asks for a PIN; set modems.pin" : "the SIM still asks for a PIN")
        case .pukRequired:
            setState(.pinRequired)
            throw ModemFault.pinProblem("the SIM is locked behind its PUK")
        case .missing:
            setState(.simMissing)
            throw ModemFault.sim(sim)
        case .busy, .failure:
            setState(.failed("SIM \(sim)"))
            throw ModemFault.sim(sim)
        }
    }

    /// Right after power-up, and for a few seconds after the PIN is entered while the SIM reads its
    /// files, many SIMs answer `+CME ERROR: 14` (busy). That is waited for, polling every 500 ms,
    /// up to `simBusyTolerance` (10 s by default); only a SIM still busy after it is a fault.
    func simStateOnceNotBusy(_ channel: ATChannel, quirks: any VendorQuirks) async throws -> SIMState {
        let deadline = ContinuousClock.now + configuration.simBusyTolerance
        var sim = try await simState(channel, quirks: quirks)
        while sim == .busy, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(500))
            sim = try await simState(channel, quirks: quirks)
        }
        if sim == .busy { logger.warning("SIM still busy", metadata: ["waited": "\(configuration.simBusyTolerance)"]) }
        return sim
    }

    func simState(_ channel: ATChannel, quirks: any VendorQuirks) async throws -> SIMState {
        let response = try await channel.send(quirks.simStatusCommand)
        guard response.isSuccess else { return SIMState.from(error: response.result) }
        return response.lines.lazy.compactMap(SIMState.parse).first ?? .failure("no +CPIN line")
    }

    /// Registration, signal and operator; decides between `ready` and `notRegistered`.
    func refresh(_ channel: ATChannel) async throws {
        let registration = try await channel.send(.query("AT+CREG?")).lines.lazy.compactMap(RegistrationStatus.parse).first
        let signal = try await channel.send(.query("AT+CSQ")).lines.lazy.compactMap(SignalQuality.parse).first
        let operatorName = try await channel.send(.query("AT+COPS?")).lines.lazy.compactMap(OperatorParser.parse).first
        shared.withLock {
            $0.status.registration = registration
            $0.status.signal = signal
            $0.status.operatorName = operatorName
        }
        if let signal { continuation.yield(.signal(signal)) }
        let status = registration ?? .unknown
        setState(status.isRegistered ? .ready : .notRegistered(status))
    }

    /// `AT+CCWA=1,1,1` asks the network to turn the service on, which takes a round trip to it
    /// (up to seconds) or gets no answer on some firmware: neither is a fault of the modem.
    private func enableCallWaiting(_ channel: ATChannel) async throws {
        do {
            let response = try await channel.send(ATCommand("AT+CCWA=1,1,1", timeout: .seconds(10)))
            if response.isSuccess {
                logger.debug("call-waiting indication on")
            } else {
                logger.info("no call waiting on this SIM: a second caller during a call hears busy", metadata: ["result": "\(response.result)"])
            }
        } catch .timeout {
            logger.info("no answer to AT+CCWA: a second caller during a call may hear busy")
        }
    }

    private func tolerant(_ channel: ATChannel, _ command: String) async throws {
        let response = try await channel.send(ATCommand(command))
        if !response.isSuccess {
            logger.debug("optional command refused", metadata: ["command": "\(ATCommand.redacted(command))", "result": "\(response.result)"])
        }
    }
}
