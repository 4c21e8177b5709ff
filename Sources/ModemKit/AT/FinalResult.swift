/// A line that ends an AT command's reply.
public enum FinalResult: Equatable, Sendable {
    case ok
    case error
    /// `+CME ERROR: n` (numeric with `AT+CMEE=1`, text with `AT+CMEE=2`).
    case cmeError(code: Int?, text: String)
    /// `+CMS ERROR: n`, the SMS layer's error.
    case cmsError(code: Int?, text: String)
    case commandNotSupported
    // Call-progress results: final only for commands that can produce them (dial, hang up).
    case noCarrier
    case busy
    case noAnswer
    case noDialtone
    case connect(String)

    public var isSuccess: Bool {
        switch self {
        case .ok, .connect: return true
        default: return false
        }
    }

    /// Results that any command can end with; the others are call progress.
    public var isGeneral: Bool {
        switch self {
        case .ok, .error, .cmeError, .cmsError, .commandNotSupported: return true
        default: return false
        }
    }

    /// Recognises a final result line; `nil` for any other line.
    public static func parse(_ line: String) -> FinalResult? {
        switch line {
        case "OK": return .ok
        case "ERROR": return .error
        case "NO CARRIER": return .noCarrier
        case "BUSY": return .busy
        case "NO ANSWER": return .noAnswer
        case "NO DIALTONE", "NO DIAL TONE": return .noDialtone
        case "COMMAND NOT SUPPORT", "COMMAND NOT SUPPORTED": return .commandNotSupported
        default: break
        }
        if line.hasPrefix("+CME ERROR:") {
            let text = String(line.dropFirst("+CME ERROR:".count)).trimmingASCIIWhitespace()
            return .cmeError(code: Int(text), text: text)
        }
        if line.hasPrefix("+CMS ERROR:") {
            let text = String(line.dropFirst("+CMS ERROR:".count)).trimmingASCIIWhitespace()
            return .cmsError(code: Int(text), text: text)
        }
        if line == "CONNECT" || line.hasPrefix("CONNECT ") {
            return .connect(String(line.dropFirst("CONNECT".count)).trimmingASCIIWhitespace())
        }
        return nil
    }
}
