import CallbackDispatcher
import Foundation
import GatewayAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SessionStore
import Synchronization
import Testing

@Suite("API error codes")
struct APIFailureTests {
    /// (what was thrown, its code, the status from the one table, the compat status and APIStatus)
    static let cases: [(any Error & Sendable, APIErrorCode, Int, Int, String)] = [
        (StoreError.invalidPasskey, .unauthorized, 401, 401, "Error"),
        (StoreError.revokedPasskey, .passkeyRevoked, 403, 403, "Error"),
        (StoreError.usageOverflow(quota: 5), .usageOverflow, 429, 429, "Usage Overflow"),
        (StoreError.rateLimited(scope: "mobile", retryAfterSeconds: 9), .rateLimited, 429, 429, "Error"),
        (StoreError.noNumberAvailable(.IN), .noNumberAvailable, 503, 503, "Error"),
        (StoreError.notFound("session"), .notFound, 404, 404, "Error"),
        (StoreError.conflict("already"), .conflict, 409, 400, "Error"),
        (StoreError.invalidArgument("bad"), .invalidRequest, 400, 400, "Error"),
        (AddressPolicy.Refusal.unresolvable(host: "x.invalid"), .invalidNotifyURL, 400, 400, "Error"),
        (NIOTooManyBytesError(maxBytes: 65536), .bodyTooLarge, 413, 413, "Error"),
        (CancellationError(), .unavailable, 503, 503, "Error"),
    ]

    @Test("every refusal has a stable code, one status per code, and the compat API keeps its words", arguments: cases)
    func classified(_ error: any Error & Sendable, _ code: APIErrorCode, _ status: Int, _ compatStatus: Int, _ apiStatus: String) {
        let failure = APIFailure(error)
        #expect(failure.code == code && code.httpStatus == status)
        let compat = CompatError.from(error)
        #expect(compat.httpStatus == compatStatus && compat.apiStatus == apiStatus)
        if case StoreError.rateLimited = error { #expect(failure.retryAfter == 9) }
    }

    @Test("codes are unique strings and only 429 and 5xx are retryable")
    func table() {
        #expect(Set(APIErrorCode.allCases.map(\.rawValue)).count == APIErrorCode.allCases.count)
        for code in APIErrorCode.allCases { #expect(code.isRetryable == (code.httpStatus == 429 || code.httpStatus >= 500)) }
    }

    final class Lines: @unchecked Sendable {
        let lines = Mutex<[String]>([])
    }

    struct Capture: LogHandler {
        let into: Lines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            into.lines.withLock { $0.append("\(event.level) \(event.message) \(event.metadata ?? [:])") }
        }
    }

    @Test("one middleware logs every 5xx with its cause and never sends the cause to the client")
    func serverErrorsLogged() async throws {
        let lines = Lines()
        let logger = Logger(label: "test") { _ in Capture(into: lines) }
        let router = Router()
        router.add(middleware: ServerErrorLogging(logger: logger))
        router.get("/fails") { _, _ -> Response in
            Response(status: .serviceUnavailable, headers: [APIFailure.causeHeader: "disk full"])
        }
        router.get("/refuses") { _, _ -> Response in Response(status: .badRequest) }
        let app = Application(router: router, logger: logger)
        try await app.test(.router) { client in
            try await client.execute(uri: "/fails", method: .get) { response in
                #expect(response.status == .serviceUnavailable && response.headers[APIFailure.causeHeader] == nil)
            }
            try await client.execute(uri: "/refuses", method: .get) { response in #expect(response.status == .badRequest) }
        }
        let logged = lines.lines.withLock { $0 }.filter { $0.hasPrefix("error request failed") }
        #expect(logged.count == 1 && logged.first?.contains("disk full") == true && logged.first?.contains("/fails") == true)
    }
}
