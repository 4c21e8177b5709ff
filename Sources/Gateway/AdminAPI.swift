import AdminContract
import CallbackDispatcher
import Foundation
import GatewayAPI
import HTTPTypes
import Hummingbird
import ModemKit
import SessionStore

/// The admin API, on the Unix socket only (mode 0660, never TCP): what `missedcallctl` drives.
/// JSON in and out; errors are `{"error":"..."}` with a 4xx that says what to fix.
struct AdminAPI: Sendable {
    let store: any GatewayStore
    let fleet: ModemFleet
    /// The simulated modems, when the daemon runs some (`modems.simulated`).
    let simulated: SimulatedModems?
    /// Every node sharing the store (this one alone with SQLite).
    let cluster: ClusterView
    /// Saves an imported intelligence file (`prefixes` or `dnd`) and reloads; returns the rows read.
    let importIntelligence: @Sendable (_ kind: String, _ csv: String, _ country: Country) throws -> ImportReply
    /// Streams a DND list in and replaces the current one (`missedcallctl dnd import`).
    var importDND: (@Sendable (_ body: RequestBody, _ country: Country) async throws -> DNDImportReply)? = nil

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/status") { _, _ in await self.run { try await self.status() } }
        router.get("/modems") { _, _ in await self.run { try Self.json(try await self.cluster.modems()) } }
        router.get("/nodes") { _, _ in await self.run { try Self.json(try await self.cluster.nodes()) } }
        router.get("/modems/{imei}") { _, context in
            await self.run { try Self.json(ModemEntry(try self.fleet.report(imei: RESTAPI.param(context, "imei")))) }
        }
        router.post("/modems/{imei}/clear") { _, context in
            await self.run {
                let imei = RESTAPI.param(context, "imei")
                try self.fleet.clearQuarantine(imei: imei)
                return try Self.json(ModemEntry(try self.fleet.report(imei: imei)))
            }
        }
        router.delete("/modems/{imei}") { _, context in
            await self.run {
                try self.fleet.forget(imei: RESTAPI.param(context, "imei"))
                return try Self.json(["forgotten": true])
            }
        }
        router.post("/modems/{imei}/self-test") { _, context in
            await self.run { try Self.json(SelfTestView(try await self.fleet.selfTest(receiverIMEI: RESTAPI.param(context, "imei")))) }
        }
        router.post("/modems/{imei}/at") { request, context in
            await self.run {
                let body = try await Self.decode(ATRequest.self, request)
                let modem = try self.fleet.modem(imei: RESTAPI.param(context, "imei"))
                let response = try await modem.send(raw: body.command)
                return try Self.json(ATReply(lines: response.lines, result: ["\(response.result)"]))
            }
        }
        router.post("/modems/{imei}/sms") { request, context in
            await self.run {
                let body = try await Self.decode(SMSRequest.self, request)
                let reference = try await self.fleet.modem(imei: RESTAPI.param(context, "imei")).sendSMS(to: body.to, text: body.text)
                return try Self.json(SMSReply(reference: reference))
            }
        }
        router.post("/modems/{imei}/reset") { _, context in
            await self.run {
                let response = try await self.fleet.modem(imei: RESTAPI.param(context, "imei")).send(raw: "AT+CFUN=1,1", timeout: .seconds(30))
                // The modem refused the reset: a 502 with its answer, not a 200 that says "error".
                guard response.result.isSuccess else { throw AdminError("the modem answered \(response.result) to AT+CFUN=1,1", status: 502) }
                return try Self.json(ResetReply(result: "\(response.result)"))
            }
        }
        router.get("/pool") { _, _ in
            await self.run {
                let now = Date()
                let loads = try await self.store.numberLoads(now: now)
                return try Self.json(try await self.store.dialingNumbers().map { PoolEntry($0, load: loads[$0.number], now: now) })
            }
        }
        router.post("/pool") { request, _ in
            await self.run {
                let body = try await Self.decode(PoolAddRequest.self, request)
                guard let country = Country(code: body.country ?? "IN") else { throw AdminError("country must be IN, US, UK or IT") }
                guard let purpose = NumberPurpose(rawValue: body.purpose ?? "verification") else {
                    throw AdminError("purpose must be verification, listener or signup")
                }
                let number = try PhoneNumberNormalizer.normalize(body.number, country: country)
                try await self.checkBinding(of: number, imei: body.imei, iccid: body.iccid)
                let online =
                    body.imei.map { imei in
                        self.fleet.reports.contains {
                            $0.status.identity.imei == imei && $0.status.state == .ready && $0.health.condition == .healthy
                        }
                    } ?? false
                try await self.store.addDialingNumber(
                    DialingNumber(
                        number: number,
                        country: country,
                        purpose: purpose,
                        modemIMEI: body.imei,
                        simICCID: body.iccid,
                        online: online
                    )
                )
                await self.fleet.rebind()
                return try Self.json(try await self.store.dialingNumber(number).map { PoolEntry($0) }, status: 201)
            }
        }
        router.patch("/pool/{number}") { request, context in
            await self.run {
                let body = try await Self.decode(PoolUpdateRequest.self, request)
                let number = try Self.number(RESTAPI.param(context, "number"))
                let purpose = try body.purpose.map { text in
                    guard let purpose = NumberPurpose(rawValue: text) else { throw AdminError("purpose must be verification, listener or signup") }
                    return purpose
                }
                try await self.checkBinding(of: number, imei: body.imei, iccid: body.iccid)
                try await self.store.updateDialingNumber(number, purpose: purpose, modemIMEI: body.imei, simICCID: body.iccid)
                await self.fleet.rebind()
                return try Self.json(try await self.store.dialingNumber(number).map { PoolEntry($0) })
            }
        }
        router.delete("/pool/{number}") { _, context in
            await self.run {
                let number = try Self.number(RESTAPI.param(context, "number"))
                try await self.store.removeDialingNumber(number)
                // A listener on a number no longer in the pool would never hear a call again.
                try? await self.store.removeListener(number: number)
                await self.fleet.rebind()
                return try Self.json(["removed": true])
            }
        }
        for (verb, enabled) in [("enable", true), ("disable", false)] {
            router.post("/pool/{number}/\(verb)") { _, context in
                await self.run {
                    let number = try Self.number(RESTAPI.param(context, "number"))
                    try await self.store.setEnabled(number, enabled: enabled)
                    return try Self.json(try await self.store.dialingNumber(number).map { PoolEntry($0) })
                }
            }
        }
        router.get("/passkeys") { _, _ in await self.run { try Self.json(try await self.store.passkeys().map(PasskeySummary.init)) } }
        router.post("/passkeys") { request, _ in
            await self.run {
                let body = try await Self.decode(PasskeyCreateRequest.self, request)
                let created = try await self.store.createPasskey(
                    NewPasskey(
                        label: body.label,
                        ownerMobile: body.owner,
                        dailyQuota: body.quota ?? 1000,
                        ratePerMinute: body.rate ?? 600,
                        webhookMethod: body.method.flatMap(WebhookMethod.init(rawValue:)) ?? .get
                    )
                )
                return try Self.json(
                    PasskeyCreated(
                        passkey: created.token.canonical,
                        webhookSecret: created.record.webhookSecret,
                        record: PasskeySummary(created.record)
                    ),
                    status: 201
                )
            }
        }
        router.post("/passkeys/{id}/revoke") { _, context in
            await self.run {
                try await self.store.revokePasskey(id: RESTAPI.param(context, "id"))
                return try Self.json(["revoked": true])
            }
        }
        router.patch("/passkeys/{id}") { request, context in
            await self.run {
                let body = try await Self.decode(PasskeyUpdateRequest.self, request)
                let method = try body.method.map { text in
                    guard let method = WebhookMethod(rawValue: text) else { throw AdminError("method must be get, post-form or post-json") }
                    return method
                }
                let id = RESTAPI.param(context, "id")
                try await self.store.updatePasskey(id: id, label: body.label, dailyQuota: body.quota, ratePerMinute: body.rate, webhookMethod: method)
                if let origins = body.origins { try await self.store.setAllowedOrigins(passkeyID: id, origins: origins) }
                guard let record = try await self.store.passkey(id: id) else { throw AdminError("no such passkey", status: 404) }
                return try Self.json(PasskeySummary(record))
            }
        }
        router.post("/passkeys/{id}/quota") { request, context in
            await self.run {
                let body = try await Self.decode(QuotaRequest.self, request)
                try await self.store.setDailyQuota(passkeyID: RESTAPI.param(context, "id"), quota: body.quota)
                return try Self.json(["quota": body.quota])
            }
        }
        router.post("/passkeys/{id}/rotate-secret") { _, context in
            await self.run {
                try Self.json(SecretRotated(webhookSecret: try await self.store.rotateWebhookSecret(passkeyID: RESTAPI.param(context, "id"))))
            }
        }
        router.get("/sessions") { request, _ in
            await self.run {
                let status = try request.uri.queryParameters.get("status").map { text in
                    guard let status = SessionStatus(rawValue: text) else { throw AdminError("status must be pending, verified or expired") }
                    return status
                }
                return try Self.json(try await self.store.sessions(status: status, limit: Self.limit(request)).map(SessionEntry.init))
            }
        }
        router.get("/sessions/{sid}") { _, context in
            await self.run {
                guard let session = try await self.store.session(sid: RESTAPI.param(context, "sid")) else {
                    throw AdminError("no such session", status: 404)
                }
                return try Self.json(SessionEntry(session))
            }
        }
        router.post("/sessions/{sid}/expire") { _, context in
            await self.run {
                let sid = RESTAPI.param(context, "sid")
                try await self.store.expireSession(sid: sid)
                guard let session = try await self.store.session(sid: sid) else { throw AdminError("no such session", status: 404) }
                return try Self.json(SessionEntry(session))
            }
        }
        router.get("/calls") { request, _ in
            await self.run { try Self.json(try await self.store.missedCalls(limit: Self.limit(request)).map(CallEntry.init)) }
        }
        router.get("/listeners") { _, _ in await self.run { try Self.json(try await self.store.listeners().map(ListenerEntry.init)) } }
        router.post("/listeners") { request, _ in
            await self.run {
                let body = try await Self.decode(ListenerAddRequest.self, request)
                let listener = Listener(
                    number: try PhoneNumberNormalizer.normalize(body.number, country: Country(code: body.country ?? "IN") ?? .IN),
                    passkeyID: body.passkeyID,
                    notifyURL: body.notifyURL,
                    email: body.email,
                    dedupeWindow: .seconds(body.dedupeSeconds ?? 86_400)
                )
                try await self.store.addListener(listener)
                return try Self.json(ListenerEntry(listener), status: 201)
            }
        }
        router.delete("/listeners/{number}") { _, context in
            await self.run {
                try await self.store.removeListener(number: try Self.number(RESTAPI.param(context, "number")))
                return try Self.json(["removed": true])
            }
        }
        router.get("/listeners/{number}/tally") { request, context in
            await self.run {
                let days = request.uri.queryParameters.get("days").flatMap(Int.init) ?? 7
                return try Self.json(
                    try await self.store.tallies(number: try Self.number(RESTAPI.param(context, "number")), days: days).map(TallyEntry.init)
                )
            }
        }
        router.get("/deliveries") { request, _ in
            await self.run {
                let state = try request.uri.queryParameters.get("state").map { text in
                    guard let state = OutboxState(rawValue: text) else {
                        throw AdminError("state must be one of \(OutboxState.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    return state
                }
                return try Self.json(try await self.store.jobs(state: state, limit: Self.limit(request)).map(DeliveryEntry.init))
            }
        }
        router.get("/deliveries/destinations") { _, _ in
            await self.run { try Self.json(self.fleet.dispatcher.destinations.map(DestinationEntry.init)) }
        }
        router.get("/deliveries/{id}") { _, context in
            await self.run {
                let id = RESTAPI.param(context, "id")
                guard let job = try await self.store.job(id: id) else { throw AdminError("no such delivery", status: 404) }
                return try Self.json(
                    DeliveryDetail(job: DeliveryEntry(job), attempts: try await self.store.attempts(jobID: id).map(AttemptEntry.init))
                )
            }
        }
        router.post("/deliveries/{id}/redeliver") { _, context in
            await self.run {
                try await self.store.redeliver(jobID: RESTAPI.param(context, "id"))
                self.fleet.dispatcher.wake()
                return try Self.json(["redelivering": true])
            }
        }
        for kind in ["prefixes", "dnd"] {
            router.post("/intelligence/\(kind)") { request, _ in
                await self.run {
                    let body = try await Self.decode(ImportRequest.self, request, upTo: 64 << 20)
                    guard let country = Country(code: body.country ?? "IN") else { throw AdminError("country must be IN, US, UK or IT") }
                    return try Self.json(try self.importIntelligence(kind, body.csv, country))
                }
            }
        }
        // POST /intelligence/dnd/stream?country=IN — the list as the body, any size, line by line.
        router.post("/intelligence/dnd/stream") { request, _ in
            await self.run {
                let code = request.uri.queryParameters.get("country").map { String($0) } ?? "IN"
                guard let country = Country(code: code) else { throw AdminError("country must be IN, US, UK or IT") }
                guard let importDND = self.importDND else { throw AdminError("DND import is not available", status: 404) }
                return try Self.json(try await importDND(request.body, country))
            }
        }
        // POST /simulate/call?from=9920123456&to=04466949401 — a simulated modem rings.
        router.post("/simulate/call") { request, _ in
            await self.run {
                let query = CompatQuery(request.uri.query, knownNames: ["from", "to", "cn"])
                guard let to = query.nonEmpty("to") else { throw AdminError("parameter 'to' is required") }
                let number = try PhoneNumberNormalizer.normalize(to, country: query.nonEmpty("cn").flatMap(Country.init(code:)) ?? .IN)
                guard let simulated = self.simulated else { throw AdminError("no simulated modems are running (modems.simulated)", status: 404) }
                try simulated.ring(from: query.nonEmpty("from"), to: number)
                return try Self.json(RingingReply(ringing: number.e164))
            }
        }
    }

    /// The shapes of a modem's IMEI and SIM's ICCID, and one number per modem (a SIM has one).
    func checkBinding(of number: PhoneNumber, imei: String?, iccid: String?) async throws {
        if let imei {
            guard ModemIdentifiers.isIMEI(imei) else { throw AdminError("IMEI '\(imei.prefix(40))' is not 15 digits (AT+CGSN prints it)") }
            if let bound = try await store.dialingNumbers().first(where: { $0.modemIMEI == imei && $0.number != number }) {
                throw AdminError(
                    "modem \(imei) already serves \(bound.number.e164): a SIM has one number (remove that one first, or bind this one to its own modem)",
                    status: 409
                )
            }
        }
        if let iccid, !ModemIdentifiers.isICCID(iccid) { throw AdminError("ICCID '\(iccid.prefix(40))' is not 18 to 22 digits") }
    }

    func status() async throws -> Response {
        let pool = try await store.dialingNumbers()
        let outbox = try await store.outboxDepth()
        return try Self.json(
            StatusReply(
                modems: try await cluster.modems(),
                pool: pool.map { PoolEntry($0) },
                outbox: Dictionary(uniqueKeysWithValues: outbox.map { ($0.key.rawValue, $0.value) }),
                nodes: try await cluster.nodes(),
                engine: cluster.store.engine
            )
        )
    }

    // MARK: Plumbing

    func run(_ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch {
            let failure = Self.failure(error)
            var response =
                (try? Self.json(["error": failure.message, "code": failure.code.rawValue], status: failure.code.httpStatus))
                ?? Response(status: .internalServerError)
            if failure.code.httpStatus >= 500 { response.headers[APIFailure.causeHeader] = "\(error)".replacingOccurrences(of: "\n", with: " ") }
            return response
        }
    }

    /// The admin API's refusals in the one table (`APIErrorCode`); the modem's own errors are
    /// classified here, where ModemKit is known. An unexpected error keeps its words: the admin
    /// socket is local and the admin needs them.
    static func failure(_ error: any Error) -> APIFailure {
        switch error {
        case let error as AdminError:
            let code: APIErrorCode =
                switch error.status {
                case 404: .notFound
                case 409: .conflict
                case 502: .modemFailed
                default: .invalidRequest
                }
            return APIFailure(code, error.message)
        case let error as FleetError: return APIFailure(error.isNotFound ? .notFound : .conflict, error.description)
        case let error as SMSError: return APIFailure(.invalidRequest, error.description)
        case let error as ATChannelError: return APIFailure(.modemFailed, "modem: \(error)")
        default:
            let failure = APIFailure(error)
            return failure.code == .unavailable ? APIFailure(.unavailable, "\(error)") : failure
        }
    }

    static func json(_ value: some Encodable, status: Int = 200) throws -> Response {
        Response(
            status: .init(code: status),
            headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(data: try AdminCoding.encoder.encode(value)))
        )
    }

    static func decode<T: Decodable>(_ type: T.Type, _ request: Request, upTo limit: Int = 1 << 20) async throws -> T {
        let body = try await request.body.collect(upTo: limit)
        do {
            return try JSONDecoder().decode(type, from: Data(buffer: body))
        } catch {
            throw AdminError("request body is not the expected JSON: \(error)")
        }
    }

    static func number(_ text: String?) throws -> PhoneNumber {
        try PhoneNumberNormalizer.normalize(text ?? "", country: .IN)
    }

    static func limit(_ request: Request) -> Int {
        request.uri.queryParameters.get("limit").flatMap(Int.init).map { max(1, min($0, 10_000)) } ?? 50
    }
}

struct AdminError: Error {
    var message: String
    var status: Int
    init(_ message: String, status: Int = 400) {
        self.message = message
        self.status = status
    }
}

extension PasskeySummary {
    init(_ record: PasskeyRecord) {
        self.init(
            id: record.id,
            displayPrefix: record.displayPrefix,
            label: record.label,
            ownerMobile: record.ownerMobile,
            createdAt: record.createdAt,
            revokedAt: record.revokedAt,
            dailyQuota: record.dailyQuota,
            ratePerMinute: record.ratePerMinute,
            webhookMethod: record.webhookMethod.rawValue,
            rotating: record.previousWebhookSecret != nil,
            allowedOrigins: record.allowedOrigins
        )
    }
}
