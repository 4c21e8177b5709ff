import CallbackDispatcher
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SessionStore

/// The modern REST API beside the compat one: JSON, the passkey as `Authorization: Bearer`,
/// `Idempotency-Key` on creation, and the result pushed the moment the call lands (Server-Sent
/// Events, or a long poll with `?wait=`). Described in docs/api/openapi.yaml.
public struct RESTAPI: Sendable {
    public var store: any GatewayStore
    public var policy: AddressPolicy
    public var publicBaseURL: String
    public var events: VerificationEvents
    /// Caps long-polls and event streams waiting at once.
    public var waiters: WaiterQuota
    /// The largest request body accepted (a verification request is a few hundred bytes).
    public static let maxBodyBytes = 64 * 1024

    public init(
        store: any GatewayStore,
        policy: AddressPolicy,
        publicBaseURL: String,
        events: VerificationEvents,
        waiters: WaiterQuota = WaiterQuota()
    ) {
        self.waiters = waiters
        self.store = store
        self.policy = policy
        self.publicBaseURL = publicBaseURL.hasSuffix("/") ? String(publicBaseURL.dropLast()) : publicBaseURL
        self.events = events
    }

    public func register<Context: RequestContext>(on router: Router<Context>) {
        router.post("/v1/verifications") { request, context in
            await self.respond { try await self.create(request, clientIP: CompatAPI.clientIP(context)) }
        }
        router.get("/v1/verifications/{id}") { request, context in
            await self.respond { try await self.read(request, id: Self.param(context, "id")) }
        }
        router.get("/v1/verifications/{id}/events") { request, context in
            await self.respond { try await self.stream(request, id: Self.param(context, "id")) }
        }
        router.get("/v1/listeners/{number}/tallies") { request, context in
            await self.respond { try await self.tallies(request, number: Self.param(context, "number")) }
        }
    }

    // MARK: Handlers

    func create(_ request: Request, clientIP: String?) async throws -> Response {
        let passkey = try bearer(request)
        let record = try await store.authenticate(passkey)
        let body = try await request.body.collect(upTo: Self.maxBodyBytes)
        let input: CreateVerificationRequest
        do {
            input = try JSONDecoder().decode(CreateVerificationRequest.self, from: Data(buffer: body))
        } catch {
            throw APIFailure(.invalidJSON, "body must be JSON with at least \"mobile\": \(Self.describe(error))")
        }
        let countryCode = input.country ?? "IN"
        guard let country = Country(code: countryCode) else {
            throw APIFailure(.invalidCountry, "country '\(countryCode)' is not one of IN, US, UK, IT")
        }
        var notify: String?
        if let raw = input.notifyURL, let url = try NotifyURL.parse(raw) {
            _ = try await policy.check(host: url.host)
            notify = url.description
        }
        let email = try input.email.map { try EmailAddress($0).value }
        let key = request.headers[HTTPField.Name("Idempotency-Key")!].flatMap { $0.isEmpty ? nil : String($0.prefix(200)) }
        let session = try await store.createSession(
            NewSession(
                passkey: passkey,
                mobile: input.mobile,
                country: country,
                notifyURL: notify,
                email: email,
                clientIP: clientIP,
                idempotencyKey: key
            )
        )
        return try json(
            VerificationResource(session, passkey: record, imageURL: imageURL(session), now: Date()),
            status: 201,
            headers: [.location: "/v1/verifications/\(session.sid)"]
        )
    }

    func read(_ request: Request, id: String) async throws -> Response {
        let (session, passkey) = try await owned(request, id: id)
        let current = try await longPoll(session, request)
        return try json(VerificationResource(current, passkey: passkey, imageURL: imageURL(current), now: Date()))
    }

    /// Server-Sent Events: the current state at once, then one event when it becomes verified or
    /// expired, then the stream ends.
    func stream(_ request: Request, id: String) async throws -> Response {
        let (session, passkey) = try await owned(request, id: id)
        let body = try eventStream(session) { current in
            String(
                decoding: try RESTCoding.encoder.encode(
                    VerificationResource(current, passkey: passkey, imageURL: self.imageURL(current), now: Date())
                ),
                as: UTF8.self
            )
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: body)
    }

    func tallies(_ request: Request, number: String) async throws -> Response {
        let passkey = try await store.authenticate(try bearer(request))
        let phone = try PhoneNumberNormalizer.normalize(number, country: .IN)
        guard let listener = try await store.listeners().first(where: { $0.number == phone }), listener.passkeyID == passkey.id else {
            throw APIFailure(.notFound, "no listener \(phone.e164) for this passkey")
        }
        let days = request.uri.queryParameters.get("days").flatMap(Int.init).map { max(1, min($0, 366)) } ?? 7
        let tallies = try await store.tallies(number: phone, days: days).map { TallyResource(day: $0.day, calls: $0.calls, votes: $0.votes) }
        return try json(tallies)
    }

    // MARK: Helpers

    /// `?wait=N` (seconds, an integer); `nil` without it, 400 when it is not a number.
    static func wait(_ request: Request) throws -> Int? {
        guard let text = request.uri.queryParameters.get("wait") else { return nil }
        guard let seconds = Int(text) else {
            throw APIFailure(.invalidRequest, "wait must be a whole number of seconds (0–60), not '\(text.prefix(20))'")
        }
        return seconds
    }

    func waiterTicket(for session: VerificationSession) throws -> WaiterQuota.Ticket {
        guard let ticket = waiters.acquire(passkeyID: session.passkeyID) else {
            throw APIFailure(
                .tooManyWaiters,
                "too many long-polls and event streams are waiting (at most \(waiters.perPasskey) per passkey, \(waiters.total) in all); poll without wait or retry later",
                retryAfter: 5
            )
        }
        return ticket
    }

    func waitForChange(of session: VerificationSession, seconds: Double) async throws -> VerificationSession {
        let deadline = Date().addingTimeInterval(max(0, seconds))
        var current = session
        while current.effectiveStatus(at: Date()) == .pending, Date() < deadline {
            await events.wait(sid: session.sid, timeout: .milliseconds(Int64(min(1000, max(1, deadline.timeIntervalSinceNow * 1000)))))
            current = try await store.session(sid: session.sid) ?? current
        }
        return current
    }

    /// With `?wait=N` and the session pending, waits until it changes, `N` seconds (at most 60) or
    /// its expiry, holding a waiter ticket meanwhile; otherwise the session as it is. The REST read
    /// and the widget's read share it.
    func longPoll(_ session: VerificationSession, _ request: Request) async throws -> VerificationSession {
        guard let wait = try Self.wait(request), session.effectiveStatus(at: Date()) == .pending else { return session }
        let limit = min(Double(max(0, min(wait, 60))), session.expiresAt.timeIntervalSinceNow + 0.05)
        let ticket = try waiterTicket(for: session)
        defer { ticket.release() }
        return try await waitForChange(of: session, seconds: limit)
    }

    /// The state at once, then once more when it becomes verified or expired, then the end; each
    /// event named by the state, its data what `render` makes of the session. The waiter ticket is
    /// taken now (a 503 before any byte) and held while the stream waits, dropped with the body if
    /// the response is never written. The REST stream and the widget's share it.
    func eventStream(
        _ session: VerificationSession,
        render: @escaping @Sendable (VerificationSession) throws -> String
    ) throws -> ResponseBody {
        let ticket = session.effectiveStatus(at: Date()) == .pending ? try waiterTicket(for: session) : nil
        let api = self
        return ResponseBody { writer in
            defer { ticket?.release() }
            func event(_ current: VerificationSession) throws -> ByteBuffer {
                ByteBuffer(string: "event: \(current.effectiveStatus(at: Date()).rawValue)\ndata: \(try render(current))\n\n")
            }
            var current = session
            try await writer.write(try event(current))
            if current.effectiveStatus(at: Date()) == .pending {
                current = try await api.waitForChange(of: current, seconds: current.expiresAt.timeIntervalSinceNow + 0.05)
                try await writer.write(try event(current))
            }
            try await writer.finish(nil)
        }
    }

    func owned(_ request: Request, id: String) async throws -> (VerificationSession, PasskeyRecord) {
        let passkey = try await store.authenticate(try bearer(request))
        guard let session = try await store.session(sid: id), session.passkeyID == passkey.id else {
            throw APIFailure(.notFound, "no verification '\(id.prefix(60))' for this passkey")
        }
        return (session, passkey)
    }

    func bearer(_ request: Request) throws -> String {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw APIFailure(.unauthorized, "send the passkey as 'Authorization: Bearer RA$…'")
        }
        return String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
    }

    func imageURL(_ session: VerificationSession) -> String {
        "\(publicBaseURL)/Integ/Image/\(session.dialingNumber.e164.dropFirst()).png"
    }

    public func json(_ value: some Encodable, status: Int = 200, headers: HTTPFields = [:]) throws -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: .init(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(data: try RESTCoding.encoder.encode(value))))
    }

    /// Runs a handler; any error becomes the REST error object with its table status.
    public func respond(_ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch {
            return Self.response(for: APIFailure(error), cause: error)
        }
    }

    static func tooLarge() -> Response { response(for: APIFailure(.bodyTooLarge, "the request body is larger than \(maxBodyBytes) bytes")) }

    /// The REST error object with the table's status; `cause` (for a 5xx) goes to `ServerErrorLogging`.
    static func response(for failure: APIFailure, cause: (any Error)? = nil) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let retry = failure.retryAfter { headers[.retryAfter] = String(retry) }
        if let cause, failure.code.httpStatus >= 500 { headers[APIFailure.causeHeader] = "\(cause)".replacingOccurrences(of: "\n", with: " ") }
        let data = (try? RESTCoding.encoder.encode(ErrorResource(error: .init(code: failure.code.rawValue, message: failure.message)))) ?? Data()
        return Response(status: .init(code: failure.code.httpStatus), headers: headers, body: .init(byteBuffer: ByteBuffer(data: data)))
    }

    /// A path parameter, percent-decoded (`RA%24…` is `RA$…`); the admin API uses it too.
    public static func param<Context: RequestContext>(_ context: Context, _ name: String) -> String {
        let raw = context.parameters.get(name) ?? ""
        return raw.removingPercentEncoding ?? raw
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "missing \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context): return context.debugDescription
        case DecodingError.dataCorrupted(let context): return context.debugDescription
        default: return "\(error)"
        }
    }
}
