import Foundation
import GatewayAPI
import HTTPTypes
import Hummingbird
import NIOCore
import SessionStore

/// `/demo`, served only in demo mode (simulated modems): the verification widget on a page whose
/// "backend" is the gateway itself — it creates the session with the demo passkey, so the passkey
/// stays on the server as in a real app — and a button that rings the simulated modem from the
/// visitor's number, standing in for the phone call.
struct DemoPage: Sendable {
    let store: any GatewayStore
    let passkey: DemoPasskey
    let simulated: SimulatedModems
    let rest: RESTAPI

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/demo") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: WidgetAssets.demoPage))
            )
        }
        router.post("/demo/verifications") { request, context in
            await rest.respond {
                let body = try await request.body.collect(upTo: 4096)
                let input = try? JSONDecoder().decode(DemoStart.self, from: Data(buffer: body))
                guard let mobile = input?.mobile, !mobile.isEmpty else { throw APIFailure(.invalidJSON, "send {\"mobile\": \"9920123456\"}") }
                let token = try await passkey.current()
                let record = try await store.authenticate(token)
                let session = try await store.createSession(
                    NewSession(passkey: token, mobile: mobile, country: .IN, clientIP: CompatAPI.clientIP(context))
                )
                return try rest.json(
                    DemoSession(
                        id: session.sid,
                        widgetToken: WidgetToken.make(for: session, passkey: record),
                        dial: session.dialingNumber.nationalDialingForm
                    ),
                    status: 201
                )
            }
        }
        router.post("/demo/verifications/{id}/call") { _, context in
            await rest.respond {
                let token = try await passkey.current()
                let record = try await store.authenticate(token)
                guard let session = try await store.session(sid: RESTAPI.param(context, "id")), session.passkeyID == record.id else {
                    throw APIFailure(.notFound, "no demo session with that id")
                }
                do {
                    try simulated.ring(from: session.mobile.e164, to: session.dialingNumber)
                } catch {
                    throw APIFailure(.unavailable, "no simulated modem serves \(session.dialingNumber.e164)", retryAfter: 5)
                }
                return try rest.json(["ringing": session.dialingNumber.e164], status: 202)
            }
        }
    }
}

struct DemoStart: Decodable {
    var mobile: String
}

struct DemoSession: Encodable {
    var id: String
    var widgetToken: String
    var dial: String

    enum CodingKeys: String, CodingKey {
        case id, dial
        case widgetToken = "widget_token"
    }
}
