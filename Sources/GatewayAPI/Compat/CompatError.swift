import CallbackDispatcher
import SessionStore

/// A refusal of the compat API: the HTTP status, the `APIStatus` word and a message for people.
public struct CompatError: Error, Equatable, Sendable {
    public var httpStatus: Int
    public var apiStatus: String
    public var message: String
    public var retryAfter: Int?

    public init(httpStatus: Int, apiStatus: String = "Error", message: String, retryAfter: Int? = nil) {
        self.httpStatus = httpStatus
        self.apiStatus = apiStatus
        self.message = message
        self.retryAfter = retryAfter
    }

    public static func missing(_ name: String) -> CompatError {
        CompatError(httpStatus: 400, message: "parameter '\(name)' is required")
    }

    /// Maps the store's refusals; malformed input is always a 4xx, never a 5xx.
    public static func from(_ error: any Error) -> CompatError {
        switch error {
        case let error as StoreError:
            switch error {
            case .invalidPasskey: return CompatError(httpStatus: 401, message: "passkey is not valid")
            case .revokedPasskey: return CompatError(httpStatus: 403, message: "passkey has been revoked")
            case .invalidPhoneNumber(let reason): return CompatError(httpStatus: 400, message: reason.description)
            case .usageOverflow: return CompatError(httpStatus: 429, apiStatus: "Usage Overflow", message: error.description)
            case .rateLimited(_, let retry): return CompatError(httpStatus: 429, message: error.description, retryAfter: retry)
            case .noNumberAvailable: return CompatError(httpStatus: 503, message: error.description, retryAfter: 30)
            case .notFound: return CompatError(httpStatus: 404, message: error.description)
            case .conflict, .invalidArgument: return CompatError(httpStatus: 400, message: error.description)
            }
        case let error as NotifyURL.ParseError:
            return CompatError(httpStatus: 400, message: error.description)
        case let error as AddressPolicy.Refusal:
            return CompatError(httpStatus: 400, message: "notify URL refused: \(error.description)")
        case let error as EmailAddress.Invalid:
            return CompatError(httpStatus: 400, message: "e-notify: \(error.description)")
        case let error as CompatError:
            return error
        default:
            return CompatError(httpStatus: 503, message: "the gateway could not complete the request; try again")
        }
    }
}
