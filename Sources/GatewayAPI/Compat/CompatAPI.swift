import CallbackDispatcher
import Foundation
import HTTPTypes
import Hummingbird
import SessionStore

/// The Dial2Verify-compatible endpoints, exactly as old clients call them:
/// `/Integ/API.dvf` (create, and the V1 `Token=Verify` form), `/Integ/UserLayer/DataFeed_APIV2.dvf`,
/// `/Integ/UserLayer/GetImageAPIV2.dvf`, `/Integ/CatchAll.dvf`.
public struct CompatAPI: Sendable {
    public var store: any GatewayStore
    public var policy: AddressPolicy
    /// `http://gateway.example.com`: the base of `ImageUrl`.
    public var publicBaseURL: String
    /// The passkey the early V2 form (which sends none) is billed to; `nil` disables that form.
    public var earlyV2Passkey: String?
    public var intelligence: any NumberIntelligence
    /// Renders the "Give a missed call to" PNG; `nil` answers `out=IMG` with the JSON.
    public var images: (any DialingImageRendering)?
    /// Told the outcome of every session request (`created`, `usage-overflow`, `refused`...), for metrics.
    public var onSession: @Sendable (String) -> Void = { _ in }

    public init(
        store: any GatewayStore,
        policy: AddressPolicy,
        publicBaseURL: String,
        earlyV2Passkey: String? = nil,
        intelligence: any NumberIntelligence = NoNumberIntelligence(),
        images: (any DialingImageRendering)? = nil
    ) {
        self.store = store
        self.policy = policy
        self.publicBaseURL = publicBaseURL.hasSuffix("/") ? String(publicBaseURL.dropLast()) : publicBaseURL
        self.earlyV2Passkey = earlyV2Passkey
        self.intelligence = intelligence
        self.images = images
    }

    static let createNames: Set<String> = ["mobile", "passkey", "notify", "e-notify", "out", "cn", "version", "token", "no", "scale"]

    public func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/Integ/API.dvf") { request, context in
            await self.apiDVF(query: request.uri.query, clientIP: Self.clientIP(context))
        }
        router.get("/Integ/UserLayer/DataFeed_APIV2.dvf") { request, _ in
            await self.dataFeed(query: request.uri.query)
        }
        router.get("/Integ/UserLayer/GetImageAPIV2.dvf") { request, context in
            await self.earlyV2(query: request.uri.query, clientIP: Self.clientIP(context))
        }
        router.get("/Integ/CatchAll.dvf") { _, _ in Self.text("OK") }
        router.post("/Integ/CatchAll.dvf") { _, _ in Self.text("OK") }
        router.get("/Integ/Image/{file}") { _, context in
            await self.image(file: context.parameters.get("file") ?? "")
        }
    }

    // MARK: Handlers

    func apiDVF(query raw: String?, clientIP: String?) async -> Response {
        let query = CompatQuery(raw, knownNames: Self.createNames)
        if query.nonEmpty("token")?.lowercased() == "verify" {
            return await verifyV1(query)
        }
        do {
            let (session, out) = try await create(query, clientIP: clientIP)
            onSession("created")
            if out == "IMG", let images, let png = try? await images.png(for: session, scale: query.nonEmpty("scale") == "2" ? 2 : 1) {
                // The picture cannot carry the session id; these headers do, so an IMG client can poll.
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: "image/png", .cacheControl: "no-store",
                        Self.sessionIDHeader: session.sid,
                        Self.sessionExpiresHeader: Self.iso8601(session.expiresAt),
                        Self.dialHeader: session.dialingNumber.e164,
                    ],
                    body: .init(byteBuffer: ByteBuffer(bytes: png))
                )
            }
            return Self.json(CompatResponses.created(session, imageURL: imageURL(for: session.dialingNumber)))
        } catch {
            let failure = CompatError.from(error)
            onSession(failure.apiStatus == "Usage Overflow" ? "usage-overflow" : failure.httpStatus == 429 ? "rate-limited" : "refused")
            return Self.json(
                CompatResponses.failed(status: failure.apiStatus, message: failure.message, number: query["mobile"]),
                status: failure.httpStatus,
                retryAfter: failure.retryAfter,
                cause: error
            )
        }
    }

    func create(_ query: CompatQuery, clientIP: String?) async throws -> (VerificationSession, String) {
        guard let passkey = query.nonEmpty("passkey") else { throw CompatError.missing("passkey") }
        guard let mobile = query.nonEmpty("mobile") else { throw CompatError.missing("mobile") }
        let countryCode = query.nonEmpty("cn") ?? "IN"
        guard let country = Country(code: countryCode) else {
            throw CompatError(httpStatus: 400, message: "cn '\(countryCode)' is not one of IN, US, UK, IT")
        }
        let out = (query.nonEmpty("out") ?? "JSON").uppercased()
        guard out == "JSON" || out == "IMG" else { throw CompatError(httpStatus: 400, message: "out must be JSON or IMG") }
        let notify = try await checkedNotifyURL(query["notify"])
        let email = try query.nonEmpty("e-notify").flatMap { $0.uppercased() == "NA" ? nil : try EmailAddress($0).value }
        let session = try await store.createSession(
            NewSession(
                passkey: passkey,
                mobile: mobile,
                country: country,
                notifyURL: notify,
                email: email,
                clientIP: clientIP
            )
        )
        return (session, out)
    }

    /// Parses the notify URL (scheme-less gets `http://`, `NA` is none) and runs the SSRF guard now;
    /// the dispatcher runs it again before each delivery.
    func checkedNotifyURL(_ raw: String?) async throws -> String? {
        guard let raw, let url = try NotifyURL.parse(raw) else { return nil }
        _ = try await policy.check(host: url.host)
        return url.description
    }

    func verifyV1(_ query: CompatQuery) async -> Response {
        do {
            guard let passkey = query.nonEmpty("passkey") else { throw CompatError.missing("passkey") }
            guard let number = query.nonEmpty("no") else { throw CompatError.missing("No") }
            let record = try await store.authenticate(passkey)
            let country = query.nonEmpty("cn").flatMap(Country.init(code:)) ?? .IN
            let mobile = try PhoneNumberNormalizer.normalize(number, country: country)
            let latest = try await store.latestSession(mobile: mobile, passkeyID: record.id)
            return Self.json(CompatResponses.verified(latest?.status == .verified))
        } catch let error as PhoneNumberError {
            return Self.json(CompatResponses.failed(status: "Error", message: error.description, number: query["no"]), status: 400)
        } catch {
            let failure = CompatError.from(error)
            return Self.json(
                CompatResponses.failed(status: failure.apiStatus, message: failure.message, number: query["no"]),
                status: failure.httpStatus,
                cause: error
            )
        }
    }

    func dataFeed(query raw: String?) async -> Response {
        let query = CompatQuery(raw, knownNames: ["sid"])
        guard let sid = query.nonEmpty("sid") else {
            return Self.json(CompatResponses.statusError("parameter 'SID' is required"), status: 400)
        }
        guard SessionID.canonical(sid) != nil else {
            return Self.json(CompatResponses.statusError("'\(sid.prefix(60))' is not a session id"), status: 400)
        }
        do {
            guard let session = try await store.session(sid: sid) else {
                return Self.json(CompatResponses.statusError("session not found"), status: 404)
            }
            let type = intelligence.facts(for: session.mobile.e164).numberType
            return Self.json(CompatResponses.status(session, now: Date(), numberType: type))
        } catch {
            return Self.json(CompatResponses.statusError("the gateway could not read the session; try again"), status: 503)
        }
    }

    func earlyV2(query raw: String?, clientIP: String?) async -> Response {
        let query = CompatQuery(raw, knownNames: ["phone_number", "cn"])
        guard let passkey = earlyV2Passkey else {
            return Self.json(CompatResponses.earlyImage(imageURL: "Err", sid: ""), status: 404)
        }
        guard let mobile = query.nonEmpty("phone_number") else {
            return Self.json(CompatResponses.earlyImage(imageURL: "Err", sid: ""), status: 400)
        }
        do {
            let session = try await store.createSession(NewSession(passkey: passkey, mobile: mobile, clientIP: clientIP))
            return Self.json(CompatResponses.earlyImage(imageURL: imageURL(for: session.dialingNumber), sid: session.sid))
        } catch {
            let failure = CompatError.from(error)
            return Self.json(CompatResponses.earlyImage(imageURL: "Err", sid: ""), status: failure.httpStatus, cause: error)
        }
    }

    /// `914466949401.png`, or `914466949401@2x.png` for high-density screens.
    func image(file: String) async -> Response {
        var digits = file.hasSuffix(".png") ? String(file.dropLast(4)) : file
        let scale = digits.hasSuffix("@2x") ? 2 : 1
        if scale == 2 { digits.removeLast(3) }
        guard let images, digits.count <= 15, digits.allSatisfy(\.isNumber),
            let number = try? PhoneNumberNormalizer.normalize("+" + digits, country: .IN),
            (try? await store.dialingNumber(number)) != nil,
            let png = try? await images.png(for: number, scale: scale)
        else {
            return Self.text("image not found", status: 404)
        }
        return Response(
            status: .ok,
            headers: [.contentType: "image/png", .cacheControl: "public, max-age=86400"],
            body: .init(byteBuffer: ByteBuffer(bytes: png))
        )
    }

    func imageURL(for number: PhoneNumber) -> String {
        "\(publicBaseURL)/Integ/Image/\(number.e164.dropFirst()).png"
    }

    // MARK: Responses

    /// On an `out=IMG` answer: the session the picture belongs to, when it expires, what to dial.
    public static let sessionIDHeader = HTTPField.Name("X-Session-Id")!
    public static let sessionExpiresHeader = HTTPField.Name("X-Session-Expires")!
    public static let dialHeader = HTTPField.Name("X-Dial-Number")!

    static func iso8601(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// 413 in the compat shape, for a body larger than the API accepts.
    static func tooLarge(maxBytes: Int) -> Response {
        json(CompatResponses.failed(status: "Error", message: "the request body is larger than \(maxBytes) bytes", number: nil), status: 413)
    }

    /// `cause`: the error behind a failure, for `ServerErrorLogging` (taken off before sending).
    static func json(_ body: OrderedJSON, status: Int = 200, retryAfter: Int? = nil, cause: (any Error)? = nil) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        if let cause, status >= 500 { headers[APIFailure.causeHeader] = "\(cause)".replacingOccurrences(of: "\n", with: " ") }
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: body.text)))
    }

    static func text(_ text: String, status: Int = 200) -> Response {
        Response(status: .init(code: status), headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    public static func clientIP<Context: RequestContext>(_ context: Context) -> String? {
        (context as? any RemoteAddressRequestContext)?.remoteAddress?.ipAddress
    }
}

/// Renders the PNG that shows a user which number to call.
public protocol DialingImageRendering: Sendable {
    /// The picture of a pool number (`ImageUrl`); `scale` 1 or 2.
    func png(for number: PhoneNumber, scale: Int) async throws -> [UInt8]
    /// The picture of one session (`out=IMG`): also the phone to call from and the window.
    func png(for session: VerificationSession, scale: Int) async throws -> [UInt8]
}
