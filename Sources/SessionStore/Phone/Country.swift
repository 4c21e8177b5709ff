/// The countries the gateway hands out dialing numbers in (the original's `cn` parameter).
public enum Country: String, Sendable, CaseIterable, Codable, Hashable {
    case IN, US, UK, IT

    /// Parses `cn` case-insensitively; `GB` is accepted for the UK.
    public init?(code: String) {
        switch code.uppercased() {
        case "IN": self = .IN
        case "US": self = .US
        case "UK", "GB": self = .UK
        case "IT": self = .IT
        default: return nil
        }
    }

    public var callingCode: String {
        switch self {
        case .IN: return "91"
        case .US: return "1"
        case .UK: return "44"
        case .IT: return "39"
        }
    }

    /// The prefix dialled before a country code from inside this country.
    var internationalPrefix: String { self == .US ? "011" : "00" }

    /// The digit dialled before a national number inside the country and dropped in E.164
    /// (Italy keeps its leading 0, so it has none).
    public var trunkPrefix: String? {
        switch self {
        case .IN, .UK: return "0"
        case .US: return "1"
        case .IT: return nil
        }
    }

    /// Whether `nsn` (national significant number, no trunk prefix) is plausible here.
    func isPlausible(nationalNumber nsn: String) -> Bool {
        let digits = Array(nsn.utf8)
        guard let first = digits.first else { return false }
        switch self {
        case .IN:
            return digits.count == 10 && first >= UInt8(ascii: "2")
        case .US:
            // NANP: NXX-NXX-XXXX, N = 2...9.
            return digits.count == 10 && first >= UInt8(ascii: "2") && digits[3] >= UInt8(ascii: "2")
        case .UK:
            return (9...10).contains(digits.count) && first != UInt8(ascii: "0")
        case .IT:
            if first == UInt8(ascii: "3") { return (9...10).contains(digits.count) }  // mobile
            if first == UInt8(ascii: "0") { return (6...11).contains(digits.count) }  // geographic
            return (8...10).contains(digits.count)  // 8xx, toll-free and others
        }
    }
}
