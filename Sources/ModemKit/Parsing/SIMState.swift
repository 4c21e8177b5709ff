/// The SIM's state from `AT+CPIN?`.
public enum SIMState: Sendable, Equatable, CustomStringConvertible {
    case ready
    case pinRequired
    case pukRequired
    case missing
    case failure(String)
    case busy

    public var description: String {
        switch self {
        case .ready: return "ready"
        case .pinRequired: return "pin-required"
        case .pukRequired: return "puk-required"
        case .missing: return "missing"
        case .failure(let text): return "failure(\(text))"
        case .busy: return "busy"
        }
    }

    /// From the information line `+CPIN: READY`.
    public static func parse(_ line: String) -> SIMState? {
        guard let value = ATFields.value(of: line, prefix: "+CPIN:") else { return nil }
        switch value.trimmingASCIIWhitespace().uppercased() {
        case "READY": return .ready
        case "SIM PIN", "SIM PIN2": return .pinRequired
        case "SIM PUK", "SIM PUK2": return .pukRequired
        case "NOT INSERTED", "NOT READY", "SIM NOT INSERTED": return .missing
        case let other: return .failure(other)
        }
    }

    /// From an error reply to `AT+CPIN?`: 27.007 codes 10 (not inserted), 13 (failure), 14 (busy).
    public static func from(error result: FinalResult) -> SIMState {
        if case .cmeError(let code, let text) = result {
            switch code {
            case 10: return .missing
            case 11: return .pinRequired
            case 12: return .pukRequired
            case 14: return .busy
            default: break
            }
            let lowered = text.lowercased()
            if lowered.contains("not inserted") { return .missing }
            if lowered.contains("busy") { return .busy }
            return .failure(text)
        }
        return .failure("\(result)")
    }
}
