/// A line the modem sends on its own, not as part of a command's reply.
public enum UnsolicitedResult: Sendable, Equatable {
    /// `RING`.
    case ring
    /// `+CRING: VOICE` (with `AT+CRC=1`); the type is kept so data/fax calls can be told apart.
    case cring(type: String)
    /// `+CLIP: "<number>",<type>[,...,<validity>]`.
    case callerID(CallerID)
    /// `+CCWA: "<number>",<type>,<class>[,<alpha>][,<CLI validity>]` (with `AT+CCWA=1`): a second
    /// caller while the SIM is busy with a call; without call waiting they would hear busy unseen.
    case callWaiting(CallerID)
    /// The call ended: `^CEND: ...` (Huawei), `NO CARRIER`, `+ZEND` (ZTE), `VOICE CALL: END` (SIMCom).
    case callEnded(String)
    /// The call was answered (`^CONN:`): we never answer, so this means voicemail or forwarding.
    case callConnected
    /// `+CMTI: "SM",3`: a new SMS stored at that index.
    case newMessage(storage: String, index: Int)
    case signal(SignalQuality)
    case registration(RegistrationStatus)
    /// The modem restarted: `^BOOT` is periodic noise on Huawei, but `RDY`, `+CFUN: 1`, `START` and
    /// `+PBREADY` follow a real restart and mean the settings must be applied again.
    case restarted(String)
    case simStatus(String)
    /// Known vendor chatter with no meaning for us (`^DSFLOWRPT`, `^MODE`, `+QIND`, `+WIND`, ...).
    case noise(String)

    /// Recognises an unsolicited line; `nil` when it is not one.
    public static func parse(_ line: String) -> UnsolicitedResult? {
        if line == "RING" { return .ring }
        if line == "NO CARRIER" { return .callEnded(line) }
        guard let first = line.first else { return nil }
        if first == "+" {
            if let value = ATFields.value(of: line, prefix: "+CRING:") {
                return .cring(type: value.trimmingASCIIWhitespace())
            }
            if let value = ATFields.value(of: line, prefix: "+CLIP:") {
                let fields = ATFields(value)
                // The query reply `+CLIP: 1,1` has no quoted number; a URC always quotes it.
                guard fields.isQuoted(0) else { return nil }
                return .callerID(.from(number: fields[0], type: fields.int(1), validity: fields.int(5)))
            }
            if let value = ATFields.value(of: line, prefix: "+CCWA:") {
                let fields = ATFields(value)
                // The query reply `+CCWA: 1,1` has no quoted number; the URC always quotes it.
                guard fields.isQuoted(0) else { return nil }
                return .callWaiting(.from(number: fields[0], type: fields.int(1), validity: fields.int(4)))
            }
            if let value = ATFields.value(of: line, prefix: "+CMTI:") {
                let fields = ATFields(value)
                guard let index = fields.int(1) else { return nil }
                return .newMessage(storage: fields[0] ?? "", index: index)
            }
            if line.hasPrefix("+CREG:") || line.hasPrefix("+CGREG:") {
                return RegistrationStatus.parse(line).map(UnsolicitedResult.registration)
            }
            if line.hasPrefix("+CPIN:") || line.hasPrefix("+SIMCARD:") { return .simStatus(line) }
            if line.hasPrefix("+CFUN:") || line.hasPrefix("+PBREADY") { return .restarted(line) }
            if line.hasPrefix("+ZEND") { return .callEnded(line) }
            for prefix in ["+QIND:", "+WIND:", "+ZDONR", "+ZPASR", "+ZUSIMR", "+CUSD:", "+CIEV:", "+QUSIM:", "+CTZV:", "+NITZ"]
            where line.hasPrefix(prefix) {
                return .noise(prefix)
            }
            return nil
        }
        if first == "^" {
            if line.hasPrefix("^CEND:") { return .callEnded(line) }
            if line.hasPrefix("^CONN:") { return .callConnected }
            if line.hasPrefix("^RSSI:") { return SignalQuality.parse(line).map(UnsolicitedResult.signal) }
            if line.hasPrefix("^BOOT:") { return .noise("^BOOT:") }
            if line.hasPrefix("^SIMST:") { return .simStatus(line) }  // Huawei: 255 = no SIM
            // ^DSFLOWRPT, ^MODE, ^SRVST, ^HCSQ, ^ORIG, ^CONF, ^STIN, ^NDISSTAT ...
            let name = line.prefix(while: { $0 != ":" })
            return .noise(String(name))
        }
        switch line {
        case "RDY", "START", "Call Ready", "SMS Ready", "PB DONE": return .restarted(line)
        case "VOICE CALL: END", "MISSED_CALL": return .callEnded(line)
        case "VOICE CALL: BEGIN": return .callConnected  // SIMCom: the call was connected
        default: break
        }
        if line.hasPrefix("VOICE CALL: END") || line.hasPrefix("MISSED_CALL:") { return .callEnded(line) }
        if line.hasPrefix("*PSUTTZ") || line.hasPrefix("DST:") { return .noise(String(line.prefix(while: { $0 != ":" && $0 != " " }))) }
        return nil
    }

    /// True for the results that belong to the incoming-call path.
    public var concernsCalls: Bool {
        switch self {
        case .ring, .cring, .callerID, .callWaiting, .callEnded, .callConnected: return true
        default: return false
        }
    }
}
