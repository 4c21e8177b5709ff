extension Modem {
    /// Shakes the modem as the recovery rung says, initialises it, then watches it: `AT` every
    /// probe interval, registration, signal, operator and SIM every poll interval. Returns the
    /// fault that takes it out of service, or `nil` when cancelled.
    func supervise(_ channel: ATChannel, recovery: RecoveryRung?, policy: RecoveryPolicy) async -> ModemFault? {
        do {
            try await prepare(channel, for: recovery, policy: policy)
            try await initialize(channel)
            let clock = ContinuousClock()
            var lastPoll = clock.now
            var unansweredProbes = 0
            var unregisteredSince: ContinuousClock.Instant? = status.state == .ready ? nil : clock.now
            while !Task.isCancelled {
                // After an unanswered probe the next one goes at once: a dead modem leaves the pool in
                // about probeInterval + probeAttempts × probeTimeout, not probeAttempts × probeInterval.
                if unansweredProbes == 0 { try await Task.sleep(for: min(configuration.probeInterval, configuration.pollInterval)) }
                if shared.withLock({ $0.needsReinitialisation }) {
                    logger.warning("modem restarted, initialising again")
                    try await initialize(channel)
                    continue
                }
                if try await answersProbe(channel) {
                    unansweredProbes = 0
                } else {
                    unansweredProbes += 1
                    logger.warning("modem did not answer AT", metadata: ["unanswered": "\(unansweredProbes)"])
                    if unansweredProbes >= max(1, configuration.probeAttempts) { return .unresponsive(probes: unansweredProbes) }
                    continue
                }
                let simCheckDue = shared.withLock { shared in
                    defer { shared.simCheckDue = false }
                    return shared.simCheckDue
                }
                if simCheckDue || clock.now - lastPoll >= configuration.pollInterval {
                    lastPoll = clock.now
                    try await refresh(channel)
                    let sim = try await simState(channel, quirks: shared.withLock { $0.quirks })
                    shared.withLock { $0.status.simState = sim }
                    if sim != .ready {
                        return sim == .pinRequired || sim == .pukRequired ? .pinProblem("the SIM asks for its \(sim) again") : .sim(sim)
                    }
                }
                if case .notRegistered(let registration) = status.state {
                    let since = unregisteredSince ?? clock.now
                    unregisteredSince = since
                    if clock.now - since >= configuration.registrationGrace {
                        return .notRegistered(registration, seconds: Int((clock.now - since).components.seconds))
                    }
                } else {
                    unregisteredSince = nil
                }
            }
            return nil
        } catch let fault as ModemFault {
            return fault
        } catch let error as ATChannelError {
            if case .disconnected = error { return .disconnected }
            logger.warning("modem command failed", metadata: ["error": "\(error)"])
            return .unresponsive(probes: 1)
        } catch is CancellationError {
            return nil
        } catch {
            logger.error("modem supervision failed", metadata: ["error": "\(error)"])
            return .unresponsive(probes: 0)
        }
    }

    /// `AT` answered in time; a dead port still throws.
    private func answersProbe(_ channel: ATChannel) async throws(ATChannelError) -> Bool {
        do {
            _ = try await channel.send(ATCommand("AT", timeout: configuration.probeTimeout))
            return true
        } catch .timeout {
            return false
        }
    }

    /// The rung's shake before initialisation; refusals are fine, the initialisation decides.
    private func prepare(_ channel: ATChannel, for rung: RecoveryRung?, policy: RecoveryPolicy) async throws {
        switch rung {
        case .reinitialise?:
            logger.info("recovery: soft reset (ATZ)")
            _ = try? await channel.send(ATCommand("ATZ", timeout: configuration.probeTimeout))
        case .radioReset?:
            logger.info("recovery: radio and firmware restart (AT+CFUN=1,1)")
            let reset = try? await channel.send(ATCommand("AT+CFUN=1,1", timeout: policy.resetTimeout))
            if let reset, !reset.isSuccess {
                // No full reset on this firmware: radio off and on again.
                _ = try? await channel.send(ATCommand("AT+CFUN=0", timeout: policy.resetTimeout))
                _ = try? await channel.send(ATCommand("AT+CFUN=1", timeout: policy.resetTimeout))
            }
            // Many dongles re-enumerate now: the port closes and the supervisor finds it by IMEI.
            try await Task.sleep(for: policy.radioResetSettle)
        case .reopenPort?, .usbReauthorise?, nil:
            break
        }
    }
}
