/// Who is calling, as the network presented it.
public enum CallerID: Sendable, Hashable, CustomStringConvertible {
    /// A presented number exactly as the modem gave it, with its TON/NPI type (145 international,
    /// 129 national or unknown). The store normalises it; ModemKit only adds a `+` for type 145.
    case number(String, type: Int?)
    /// The caller withheld the number (CLI validity 1).
    case withheld
    /// The network did not provide a number (CLI validity 2, or an empty number).
    case unavailable

    public var number: String? {
        if case .number(let digits, _) = self { return digits }
        return nil
    }

    public var isUnknown: Bool { number == nil }

    public var description: String {
        switch self {
        case .number(let digits, _): return digits
        case .withheld: return "withheld"
        case .unavailable: return "unavailable"
        }
    }

    /// A form fit for logs at info level: all but the last four digits masked.
    public var masked: String {
        guard let digits = number else { return description }
        return PhoneMask.mask(digits)
    }

    /// Builds a caller from a number field, its type and the CLI validity, as `+CLIP` and `+CLCC`
    /// carry them.
    public static func from(number rawNumber: String?, type: Int?, validity: Int?) -> CallerID {
        switch validity {
        case 1: return .withheld
        case 2: return .unavailable
        default: break
        }
        let number = (rawNumber ?? "").filter { $0 != " " && $0 != "-" }
        guard !number.isEmpty, number.contains(where: \.isNumber) else {
            return .unavailable
        }
        if type == 145, !number.hasPrefix("+") {
            return .number("+" + number, type: type)
        }
        return .number(number, type: type)
    }
}

/// Masks phone numbers for logs: `+919920123456` → `+91******3456`.
public enum PhoneMask {
    public static func mask(_ number: String) -> String {
        let characters = Array(number)
        guard characters.count > 4 else { return String(repeating: "*", count: characters.count) }
        let keepHead = characters.first == "+" ? min(3, characters.count - 4) : 0
        var out = String(characters[0..<keepHead])
        out += String(repeating: "*", count: characters.count - 4 - keepHead)
        out += String(characters[(characters.count - 4)...])
        return out
    }
}
