import Foundation

/// The simulated modem's brain, without I/O: answers one command line and tracks the state the
/// commands change. Each vendor flavour answers in its own framing.
struct SimulatorBehaviour {
    struct Reply {
        var lines: [String] = []
        /// `nil` when the modem stays silent after the lines (Wavecom's `+CPIN: READY`).
        var final: String? = "OK"
        /// Sent after the final result (Huawei's `^CEND`).
        var unsolicitedAfter: [String] = []
        /// The command asks for an SMS body after a `> ` prompt.
        var promptsForSMS = false
        var hungUp = false
        var answered = false
        /// `AT+CHLD=0` released the waiting call.
        var releasedWaiting = false
    }

    var profile: SimulatedProfile
    var echo = true
    var callerIDEnabled = false
    /// `AT+CREG=1`: registration changes are announced.
    var registrationURCs = false
    var cringEnabled = false
    var characterSet = "IRA"
    var smsDestination: String?
    var nextMessageReference = 1
    /// The ringing call's caller for `AT+CLCC`: `nil` when no call, `.some(nil)` when withheld.
    var ringingCaller: String??
    /// `AT+CCWA=1,...` accepted: a second caller while busy is shown as `+CCWA`.
    var callWaitingEnabled = false
    /// The waiting call's caller for `AT+CLCC`, as `ringingCaller`.
    var waitingCaller: String??
    /// The network connected the ringing call (voicemail, forwarding): `+CLCC` shows it active.
    var callActive = false
    /// Set by a correct PIN when the profile has `simBusyAfterPIN`.
    var simBusyUntil: ContinuousClock.Instant?

    init(profile: SimulatedProfile) {
        self.profile = profile
    }

    var flavor: SimulatedProfile.Flavor { profile.flavor }

    mutating func respond(to command: String) -> Reply {
        let upper = command.uppercased()
        var reply = Reply()
        if let until = simBusyUntil {
            if ContinuousClock.now < until, ["AT+CPIN?", "AT+CIMI", "AT+CCID", "AT+CNUM"].contains(upper) {
                return Reply(final: "+CME ERROR: 14")
            }
            if ContinuousClock.now >= until { simBusyUntil = nil }
        }
        switch upper {
        case "AT", "ATZ", "AT+CMEE=1", "AT+CMEE=2", "AT+CMGF=1":
            break
        case "ATE0": echo = false
        case "ATE1": echo = true
        case "ATI":
            reply.lines = [profile.manufacturer, profile.model, "Revision: " + profile.revision]
        case "AT+CLIP=1": callerIDEnabled = true
        case "AT+CLIP?": reply.lines = ["+CLIP: \(callerIDEnabled ? 1 : 0),1"]
        case "AT+CRC=1": cringEnabled = true
        case "AT+CVHU=0": if flavor == .generic || flavor == .wavecom { reply.final = "ERROR" }
        case "AT^CURC=0": if flavor != .huawei { reply.final = "ERROR" }
        case "AT+WIND=0": if flavor != .wavecom { reply.final = "ERROR" }
        case "AT+CGMI": reply.lines = [profile.manufacturer]
        case "AT+CGMM": reply.lines = [profile.model]
        case "AT+CGMR": reply.lines = [flavor == .simcom ? "+CGMR: " + profile.revision : profile.revision]
        case "AT+CGSN": reply.lines = [flavor == .wavecom ? " " + profile.imei + " " : profile.imei]
        case "AT+CIMI": return simReady ? Reply(lines: [profile.imsi]) : simError
        case "AT+CCID": return simReady ? Reply(lines: ["+CCID: \"\(profile.iccid)\""]) : simError
        case "AT^ICCID?" where flavor == .huawei: return Reply(lines: ["^ICCID: " + profile.iccid])
        case "AT+QCCID" where flavor == .quectel: return Reply(lines: ["+QCCID: " + profile.iccid])
        case "AT+CICCID" where flavor == .simcom: return Reply(lines: ["+ICCID: " + profile.iccid])
        case "AT+ZICCID?" where flavor == .zte: return Reply(lines: ["+ZICCID: " + profile.iccid])
        case "AT+CNUM":
            if let own = profile.ownNumber { reply.lines = ["+CNUM: \"\",\"\(own)\",145"] }
        case "AT+CPIN?":
            switch profile.sim {
            case .ready:
                reply.lines = ["+CPIN: READY"]
                if flavor == .wavecom { reply.final = nil }
            case .pinRequired: reply.lines = ["+CPIN: SIM PIN"]
            case .missing: return simError
            }
        case "AT+CREG?": reply.lines = ["+CREG: \(registrationURCs ? 1 : 0),\(profile.registration)"]
        case "AT+CREG=1": registrationURCs = true
        case "AT+CREG=0": registrationURCs = false
        case "AT+CSQ": reply.lines = ["+CSQ: \(profile.signal),99"]
        case "AT+COPS?":
            reply.lines =
                profile.registration == 1 || profile.registration == 5
                ? ["+COPS: 0,0,\"\(profile.operatorName)\",2"] : ["+COPS: 0"]
        case "AT+CLCC":
            if let caller = ringingCaller {
                reply.lines = ["+CLCC: 1,1,\(callActive ? 0 : 4),0,0,\"\(caller ?? "")\",\(caller?.hasPrefix("+") == true ? 145 : 129)"]
            }
            if let caller = waitingCaller {
                reply.lines.append("+CLCC: 2,1,5,0,0,\"\(caller ?? "")\",\(caller?.hasPrefix("+") == true ? 145 : 129)")
            }
        case "AT+CHUP", "ATH", "ATH0":
            if ringingCaller != nil {
                reply.hungUp = true
                ringingCaller = nil
                callActive = false
                if flavor == .huawei { reply.unsolicitedAfter = ["^CEND:1,0,104,16"] }
            }
        case "ATA":
            reply.answered = true
            if flavor == .huawei { reply.unsolicitedAfter = ["^CONN:1,0"] }
        default:
            return respondWithArguments(command, upper: upper)
        }
        return reply
    }

    private mutating func respondWithArguments(_ command: String, upper: String) -> Reply {
        if upper.hasPrefix("AT+QURCCFG=") { return flavor == .quectel ? Reply() : Reply(final: "ERROR") }
        if upper.hasPrefix("AT+CSMP=") { return Reply() }
        if upper.hasPrefix("AT+CSCS=") {
            characterSet = String(command.dropFirst("AT+CSCS=".count)).replacingOccurrences(of: "\"", with: "")
            return Reply()
        }
        if upper.hasPrefix("AT+CPIN=") {
            guard case .pinRequired(let pin) = profile.sim else { return Reply(final: "+CME ERROR: 3") }
            let given = command.dropFirst("AT+CPIN=".count).replacingOccurrences(of: "\"", with: "")
            guard given == pin else { return Reply(final: "+CME ERROR: 16") }
            profile.sim = .ready
            if profile.simBusyAfterPIN > .zero { simBusyUntil = ContinuousClock.now + profile.simBusyAfterPIN }
            return Reply()
        }
        if upper.hasPrefix("AT+CMGS=") {
            guard simReady else { return simError }
            smsDestination = String(command.dropFirst("AT+CMGS=".count)).replacingOccurrences(of: "\"", with: "")
            return Reply(final: nil, promptsForSMS: true)
        }
        if upper.hasPrefix("AT+CCWA=") {
            guard profile.supportsCallWaiting else { return Reply(final: "+CME ERROR: 30") }
            callWaitingEnabled = upper.dropFirst("AT+CCWA=".count).hasPrefix("1")
            return Reply()
        }
        if upper == "AT+CHLD=0" {
            var reply = Reply()
            reply.releasedWaiting = waitingCaller != nil
            waitingCaller = nil
            return reply
        }
        if upper.hasPrefix("ATD") { return Reply() }
        return Reply(final: "ERROR")
    }

    /// Completes an SMS whose body arrived after the prompt.
    mutating func finishSMS(body: String) -> (Reply, SimulatedSMS) {
        let isUCS2 = characterSet.uppercased() == "UCS2"
        let sms = SimulatedSMS(
            destination: isUCS2 ? Self.decodeUCS2(smsDestination ?? "") : smsDestination ?? "",
            text: isUCS2 ? Self.decodeUCS2(body) : body,
            characterSet: characterSet
        )
        smsDestination = nil
        let reference = nextMessageReference
        nextMessageReference += 1
        return (Reply(lines: ["+CMGS: \(reference)"]), sms)
    }

    /// `+CCWA: "<number>",<type>,1[,,<validity>]`: a voice call waiting behind the current one.
    func waitingLine(caller: String?, validity: Int) -> String {
        let number = caller ?? ""
        return "+CCWA: \"\(number)\",\(Self.addressType(number)),1" + (validity == 0 ? "" : ",,\(validity)")
    }

    /// TON/NPI of a presented number: 145 international, 129 national, 128 none (withheld).
    static func addressType(_ number: String) -> Int {
        number.hasPrefix("+") ? 145 : (number.isEmpty ? 128 : 129)
    }

    /// The lines that announce a call, in this flavour's and this framing's order.
    func ringLines(caller: String?, validity: Int, framing: RingFraming) -> [String] {
        let ring = cringEnabled ? "+CRING: VOICE" : "RING"
        let number = caller ?? ""
        let type = Self.addressType(number)
        let clip: String
        switch flavor {
        case .huawei, .zte: clip = "+CLIP: \"\(number)\",\(type),,,,\(validity)"
        case .wavecom: clip = "+CLIP: \"\(number)\",\(type)" + (validity == 0 ? "" : ",,,,\(validity)")
        default: clip = "+CLIP: \"\(number)\",\(type),\"\",0,\"\",\(validity)"
        }
        guard callerIDEnabled else { return [ring] }
        switch framing {
        case .ringThenCLIP: return [ring, clip]
        case .clipThenRing: return [clip, ring]
        case .clipOnly: return [clip]
        case .ringOnly: return [ring]
        }
    }

    private var simReady: Bool { profile.sim == .ready }
    private var simError: Reply {
        Reply(final: profile.sim == .missing ? "+CME ERROR: 10" : "+CME ERROR: 11")
    }

    static func decodeUCS2(_ hex: String) -> String {
        var units: [UInt16] = []
        var index = hex.startIndex
        while let end = hex.index(index, offsetBy: 4, limitedBy: hex.endIndex), index != end {
            if let unit = UInt16(hex[index..<end], radix: 16) { units.append(unit) }
            index = end
        }
        return String(decoding: units, as: UTF16.self)
    }
}
