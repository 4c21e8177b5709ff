import Foundation
import GatewayAPI
import Hummingbird
import ModemKit
import SessionStore

/// The admin API, on the Unix socket only. For now the calls the demo and tests need; the admin
/// CLI issue builds on it.
struct AdminAPI: Sendable {
    let store: any GatewayStore
    let fleet: ModemFleet

    func register<Context: RequestContext>(on router: Router<Context>) {
        // POST /simulate/call?from=9920123456&to=04466949401 — a simulated modem rings.
        router.post("/simulate/call") { request, _ -> Response in
            let query = CompatQuery(request.uri.query, knownNames: ["from", "to", "cn"])
            guard let to = query.nonEmpty("to") else { return Self.text("parameter 'to' is required\n", status: 400) }
            let country = query.nonEmpty("cn").flatMap(Country.init(code:)) ?? .IN
            do {
                let number = try PhoneNumberNormalizer.normalize(to, country: country)
                try fleet.simulateCall(from: query.nonEmpty("from"), to: number)
                return Self.text("ringing \(number.e164)\n")
            } catch let error as PhoneNumberError {
                return Self.text("\(error)\n", status: 400)
            } catch {
                return Self.text("\(error)\n", status: 404)
            }
        }
        router.get("/modems") { _, _ -> Response in
            let lines = fleet.statuses.map { "\($0.devicePath)\t\($0.state)\t\($0.identity.imei ?? "-")\t\($0.identity.model ?? "-")" }
            return Self.text(lines.joined(separator: "\n") + "\n")
        }
    }

    static func text(_ text: String, status: Int = 200) -> Response {
        Response(status: .init(code: status), headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
