/// Why a string is not a plausible phone number; the message is shown to API callers.
public enum PhoneNumberError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case invalidCharacters(String)
    case tooShort(String)
    case tooLong(String)
    case notPlausible(String, Country)

    public var description: String {
        switch self {
        case .empty: return "phone number is empty"
        case .invalidCharacters(let input):
            return "phone number '\(input)' contains characters other than digits, spaces, dashes, dots, parentheses and a leading +"
        case .tooShort(let input): return "phone number '\(input)' is too short"
        case .tooLong(let input): return "phone number '\(input)' is too long (E.164 allows 15 digits)"
        case .notPlausible(let input, let country): return "'\(input)' is not a plausible \(country.rawValue) phone number"
        }
    }
}
