/// Why the store refused a request. Each maps to a precise API error.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidPasskey
    case revokedPasskey
    case invalidPhoneNumber(PhoneNumberError)
    /// The passkey's daily quota is used up: the original's "Usage Overflow".
    case usageOverflow(quota: Int)
    case rateLimited(scope: String, retryAfterSeconds: Int)
    /// No enabled, online verification number of the country is free for this mobile.
    case noNumberAvailable(Country)
    case notFound(String)
    case conflict(String)
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .invalidPasskey: return "passkey is not valid"
        case .revokedPasskey: return "passkey has been revoked"
        case .invalidPhoneNumber(let error): return error.description
        case .usageOverflow(let quota): return "daily quota of \(quota) sessions is used up"
        case .rateLimited(let scope, let retry): return "too many sessions for this \(scope); retry in \(retry) s"
        case .noNumberAvailable(let country): return "no dialing number is available in \(country.rawValue) right now"
        case .notFound(let what): return "\(what) not found"
        case .conflict(let what): return what
        case .invalidArgument(let what): return what
        }
    }
}
