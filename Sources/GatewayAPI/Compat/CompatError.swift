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

    /// Maps any refusal by its code (`APIFailure`), keeping the original service's words:
    /// `Usage Overflow` as the APIStatus of a spent quota, 400 for a conflict. Malformed input is
    /// always a 4xx, never a 5xx.
    public static func from(_ error: any Error) -> CompatError {
        if let error = error as? CompatError { return error }
        let failure = APIFailure(error)
        return CompatError(
            httpStatus: failure.code == .conflict ? 400 : failure.code.httpStatus,
            apiStatus: failure.code == .usageOverflow ? "Usage Overflow" : "Error",
            message: failure.message,
            retryAfter: failure.retryAfter
        )
    }
}
