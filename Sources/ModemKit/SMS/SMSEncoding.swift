/// How an SMS body goes over text mode: plain IRA (ASCII) when every character is in the GSM 7-bit
/// alphabet, otherwise UCS2 as hex (UTF-16BE), which carries any text but only 70 characters.
public enum SMSEncoding: Sendable, Equatable {
    case ira
    case ucs2

    public static let maxIRALength = 160
    public static let maxUCS2Length = 70

    /// The encoding a text needs. Backtick is ASCII but not GSM-7, so it forces UCS2.
    public static func choose(for text: String) -> SMSEncoding {
        let gsmSafeASCII = text.unicodeScalars.allSatisfy { scalar in
            (scalar.value >= 0x20 && scalar.value < 0x7F && scalar != "`") || scalar == "\n" || scalar == "\r"
        }
        return gsmSafeASCII ? .ira : .ucs2
    }

    /// `"AT+CSCS"` argument.
    public var characterSet: String { self == .ira ? "IRA" : "UCS2" }
    /// `AT+CSMP` data coding scheme: 0 for GSM-7, 8 for UCS2.
    public var dataCodingScheme: Int { self == .ira ? 0 : 8 }

    /// The text as the modem expects it in this character set.
    public func encode(_ text: String) -> String {
        switch self {
        case .ira: return text
        case .ucs2: return Self.ucs2Hex(text)
        }
    }

    /// Length in this encoding's units (UTF-16 code units for UCS2).
    public func length(of text: String) -> Int {
        self == .ira ? text.unicodeScalars.count : text.utf16.count
    }

    public var maxLength: Int { self == .ira ? Self.maxIRALength : Self.maxUCS2Length }

    static func ucs2Hex(_ text: String) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf16.count * 4)
        for unit in text.utf16 {
            for shift in stride(from: 12, through: 0, by: -4) {
                out.append(digits[Int((unit >> UInt16(shift)) & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

public enum SMSError: Error, Equatable, Sendable, CustomStringConvertible {
    case tooLong(length: Int, limit: Int)
    case invalidCharacters
    case invalidDestination(String)
    case rejected(FinalResult)
    case noReference
    case notReady(ModemState)

    public var description: String {
        switch self {
        case .tooLong(let length, let limit): return "SMS text is \(length) characters; a single SMS holds \(limit)"
        case .invalidCharacters: return "SMS text contains control characters (Ctrl-Z or ESC)"
        case .invalidDestination(let number): return "SMS destination '\(number)' is not a phone number"
        case .rejected(let result): return "modem refused the SMS: \(result)"
        case .noReference: return "modem did not return a message reference"
        case .notReady(let state): return "modem is \(state), not ready to send"
        }
    }
}
