import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SessionStore

/// What the verification widget calls from the user's browser: its script and stylesheet, and one
/// session's state by id and read token (`WidgetToken`, never the passkey) — read, long-polled
/// (`?wait=`) or streamed as Server-Sent Events. Pages on other origins get CORS headers only when
/// the session's passkey lists their origin (`missedcallctl passkeys update ID --allow-origin …`);
/// a listed origin is the only thing that lets a browser read the answer.
public struct WidgetAPI: Sendable {
    public var rest: RESTAPI

    public init(rest: RESTAPI) {
        self.rest = rest
    }

    public func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/widget/v1/missedcall.js") { _, _ in
            Self.asset(WidgetAssets.script, type: "text/javascript; charset=utf-8")
        }
        router.get("/widget/v1/missedcall.css") { _, _ in
            Self.asset(WidgetAssets.stylesheet, type: "text/css; charset=utf-8")
        }
        router.get("/v1/widget/sessions/{id}") { request, context in
            await self.rest.respond { try await self.read(request, id: RESTAPI.param(context, "id")) }
        }
        router.get("/v1/widget/sessions/{id}/events") { request, context in
            await self.rest.respond { try await self.stream(request, id: RESTAPI.param(context, "id")) }
        }
        for path in ["/v1/widget/sessions/{id}", "/v1/widget/sessions/{id}/events"] {
            router.on(RouterPath(path), method: .options) { request, context in
                await self.rest.respond { try await self.preflight(request, id: RESTAPI.param(context, "id")) }
            }
        }
    }

    // MARK: Handlers

    func read(_ request: Request, id: String) async throws -> Response {
        let (session, cors) = try await open(request, id: id)
        let current = try await rest.longPoll(session, request)
        return try rest.json(WidgetSessionResource(current, now: Date()), headers: cors.merging([.cacheControl: "no-store"]))
    }

    /// The state at once, then once more when it becomes verified or expired; then the stream ends
    /// (the widget closes its `EventSource` on a final state, so it does not reconnect).
    func stream(_ request: Request, id: String) async throws -> Response {
        let (session, cors) = try await open(request, id: id)
        let body = try rest.eventStream(session) { current in
            String(decoding: try RESTCoding.encoder.encode(WidgetSessionResource(current, now: Date())), as: UTF8.self)
        }
        return Response(status: .ok, headers: cors.merging([.contentType: "text/event-stream", .cacheControl: "no-store"]), body: body)
    }

    func preflight(_ request: Request, id: String) async throws -> Response {
        let (_, cors) = try await open(request, id: id)
        var headers = cors
        headers[.accessControlAllowMethods] = "GET, OPTIONS"
        headers[.accessControlMaxAge] = "600"
        return Response(status: .noContent, headers: headers)
    }

    // MARK: Helpers

    /// The session the token opens and the CORS headers for the request's origin; refuses a wrong
    /// token, an ended session and an origin the passkey does not list.
    func open(_ request: Request, id: String) async throws -> (VerificationSession, HTTPFields) {
        guard let token = request.uri.queryParameters.get("token").map({ String($0) }), !token.isEmpty else {
            throw APIFailure(.unauthorized, "the widget reads a session with its token: ?token=… (widget_token of the REST verification)")
        }
        guard let session = try await rest.store.session(sid: id), let passkey = try await rest.store.passkey(id: session.passkeyID),
            WidgetToken.opens(token, session: session, passkey: passkey, now: Date())
        else {
            throw APIFailure(.notFound, "no session '\(id.prefix(60))' for this token, or it ended more than 15 minutes ago")
        }
        return (session, try Self.cors(request, allowed: passkey.allowedOrigins))
    }

    /// No `Origin` (a server, or a same-origin read) needs no CORS headers; the gateway's own
    /// origin (the demo page) neither; any other origin must be listed by the passkey.
    static func cors(_ request: Request, allowed: [String]) throws -> HTTPFields {
        guard let origin = request.headers[.origin], origin != "null" else { return [:] }
        let canonical = WebOrigin.canonical(origin) ?? origin
        if let authority = request.head.authority?.lowercased(), canonical == "http://\(authority)" || canonical == "https://\(authority)" {
            return [:]
        }
        guard allowed.contains(canonical) else {
            throw APIFailure(
                .originNotAllowed,
                "pages on \(canonical.prefix(100)) may not read this passkey's sessions; allow it with: missedcallctl passkeys update <id> --allow-origin \(canonical.prefix(100))"
            )
        }
        return [.accessControlAllowOrigin: canonical, .vary: "Origin"]
    }

    static func asset(_ bytes: [UInt8], type: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: type, .cacheControl: "public, max-age=300", .accessControlAllowOrigin: "*"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }
}

/// One session as the widget shows it: what to dial, from which phone, until when.
struct WidgetSessionResource: Encodable {
    var id: String
    var status: String
    /// The phone the user must call from, E.164.
    var mobile: String
    var dial: String
    var dialE164: String
    /// `tel:+914466949401`: a tap on a phone opens the dialer with it.
    var tel: String
    var expiresAt: Date
    var verifiedAt: Date?
    /// The gateway's clock, so the countdown does not depend on the visitor's.
    var serverTime: Date

    enum CodingKeys: String, CodingKey {
        case id, status, mobile, dial, tel
        case dialE164 = "dial_e164"
        case expiresAt = "expires_at"
        case verifiedAt = "verified_at"
        case serverTime = "server_time"
    }

    init(_ session: VerificationSession, now: Date) {
        id = session.sid
        status = session.effectiveStatus(at: now).rawValue
        mobile = session.mobile.e164
        dial = session.dialingNumber.nationalDialingForm
        dialE164 = session.dialingNumber.e164
        tel = "tel:" + session.dialingNumber.e164
        expiresAt = session.expiresAt
        verifiedAt = session.verifiedAt
        serverTime = now
    }
}

extension HTTPFields {
    func merging(_ other: HTTPFields) -> HTTPFields {
        var fields = self
        for field in other { fields[field.name] = field.value }
        return fields
    }
}
