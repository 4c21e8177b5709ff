import CallbackDispatcher
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import SessionStore

/// The stable code of every refusal the HTTP APIs give, and the one table of their HTTP statuses.
/// Programs match on the code (REST `error.code`, admin `code`); the compat API keeps its original
/// response shapes and takes only the status from here.
public enum APIErrorCode: String, Sendable, CaseIterable, Codable {
    case invalidRequest = "invalid_request"
    case invalidJSON = "invalid_json"
    case invalidMobile = "invalid_mobile"
    case invalidNumber = "invalid_number"
    case invalidCountry = "invalid_country"
    case invalidNotifyURL = "invalid_notify_url"
    case invalidEmail = "invalid_email"
    case unauthorized
    case passkeyRevoked = "passkey_revoked"
    case originNotAllowed = "origin_not_allowed"
    case notFound = "not_found"
    case conflict
    case bodyTooLarge = "body_too_large"
    case usageOverflow = "usage_overflow"
    case rateLimited = "rate_limited"
    case tooManyWaiters = "too_many_waiters"
    case noNumberAvailable = "no_number_available"
    case modemFailed = "modem_failed"
    case unavailable

    /// The table.
    public var httpStatus: Int {
        switch self {
        case .invalidRequest, .invalidJSON, .invalidMobile, .invalidNumber, .invalidCountry, .invalidNotifyURL, .invalidEmail: return 400
        case .unauthorized: return 401
        case .passkeyRevoked, .originNotAllowed: return 403
        case .notFound: return 404
        case .conflict: return 409
        case .bodyTooLarge: return 413
        case .usageOverflow, .rateLimited: return 429
        case .modemFailed: return 502
        case .tooManyWaiters, .noNumberAvailable, .unavailable: return 503
        }
    }

    /// Whether the same request may succeed later (and `Retry-After` says when).
    public var isRetryable: Bool { httpStatus == 429 || httpStatus >= 500 }
}

/// A refusal as the APIs answer it: its code, words for people, and when to retry.
public struct APIFailure: Error, Sendable, Equatable {
    public var code: APIErrorCode
    public var message: String
    public var retryAfter: Int?

    public init(_ code: APIErrorCode, _ message: String, retryAfter: Int? = nil) {
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
    }

    /// Classifies any error thrown below the APIs by its type and case, never by its text.
    public init(_ error: any Error) {
        switch error {
        case let error as APIFailure:
            self = error
        case let error as StoreError:
            switch error {
            case .invalidPasskey: self.init(.unauthorized, error.description)
            case .revokedPasskey: self.init(.passkeyRevoked, error.description)
            case .invalidPhoneNumber(let reason): self.init(.invalidMobile, reason.description)
            case .usageOverflow: self.init(.usageOverflow, error.description)
            case .rateLimited(_, let retry): self.init(.rateLimited, error.description, retryAfter: retry)
            case .noNumberAvailable: self.init(.noNumberAvailable, error.description, retryAfter: 30)
            case .notFound: self.init(.notFound, error.description)
            case .conflict: self.init(.conflict, error.description)
            case .invalidArgument: self.init(.invalidRequest, error.description)
            }
        case let error as PhoneNumberError:
            self.init(.invalidNumber, error.description)
        case let error as NotifyURL.ParseError:
            self.init(.invalidNotifyURL, error.description)
        case let error as AddressPolicy.Refusal:
            self.init(.invalidNotifyURL, "notify URL refused: \(error.description)")
        case let error as EmailAddress.Invalid:
            self.init(.invalidEmail, "e-notify: \(error.description)")
        case let error as CompatError:
            self.init(error.httpStatus == 404 ? .notFound : error.httpStatus >= 500 ? .unavailable : .invalidRequest, error.message)
        case is NIOTooManyBytesError:
            self.init(.bodyTooLarge, "the request body is larger than \(RESTAPI.maxBodyBytes) bytes")
        default:
            self.init(.unavailable, "the gateway could not complete the request; try again")
        }
    }

    /// The header a handler puts the cause of a 5xx in, for `ServerErrorLogging`; never sent.
    public static let causeHeader = HTTPField.Name("X-Missedcall-Internal-Cause")!
}

/// Logs every 5xx answer of a router with its cause (the error the handler turned into it), and
/// takes the cause off the response: clients see the stable code and message only.
public struct ServerErrorLogging<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        let cause = response.headers[APIFailure.causeHeader]
        response.headers[APIFailure.causeHeader] = nil
        if response.status.code >= 500 {
            logger.error(
                "request failed",
                metadata: [
                    "method": "\(request.method)", "path": "\(request.uri.path)", "status": "\(response.status.code)",
                    "cause": "\(cause ?? "none given")",
                ]
            )
        }
        return response
    }
}
