// missedcall quickstart in Swift: a Hummingbird app that creates verifications with the REST API,
// serves the widget page and checks the webhook's signature.
// Run: GATEWAY_URL=http://127.0.0.1:8080 PASSKEY='RA$…' WEBHOOK_SECRET=… PORT=8004 swift run quickstart-swift
import AsyncHTTPClient
import Crypto
import Foundation
import Hummingbird
import NIOCore
import Synchronization

let environment = ProcessInfo.processInfo.environment
let gateway = (environment["GATEWAY_URL"] ?? "http://127.0.0.1:8080").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
let passkey = environment["PASSKEY"] ?? ""
let secret = environment["WEBHOOK_SECRET"] ?? ""
let port = Int(environment["PORT"] ?? "") ?? 8004
let publicURL = environment["PUBLIC_URL"] ?? "http://127.0.0.1:\(port)"
let pageFile = environment["PAGE_FILE"] ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../page.html").path
let page = try String(contentsOfFile: pageFile, encoding: .utf8).replacingOccurrences(of: "{{GATEWAY}}", with: gateway)
/// Session id → verified number, from signed webhooks; your database in a real app.
let verified = Mutex<[String: String]>([:])

struct Start: Decodable { var mobile: String }
struct Created: Decodable {
    var id: String
    var dial: String
    var widget_token: String
}
struct WidgetSession: ResponseEncodable {
    var id: String
    var token: String
    var dial: String
}
struct VerifiedState: ResponseEncodable {
    var id: String
    var verified: Bool
}

/// X-Missedcall-Signature: t=<unix>,v1=<hex>[,v1=<hex>] over "<t>.<METHOD>.<request target>.<body>".
func signatureOK(_ header: String, method: String, target: String, body: String) -> Bool {
    let parts = header.split(separator: ",").map { $0.split(separator: "=", maxSplits: 1).map(String.init) }
    guard let t = parts.first(where: { $0.first == "t" })?.last, let stamp = Double(t), abs(Date().timeIntervalSince1970 - stamp) <= 300 else {
        return false
    }
    let mac = HMAC<SHA256>.authenticationCode(for: Data("\(t).\(method).\(target).\(body)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
    let expected = mac.map { String(format: "%02x", $0) }.joined()
    return parts.contains { $0.first == "v1" && $0.last.map { Array($0.utf8) } == Array(expected.utf8) }
}

let router = Router()
router.get("/") { _, _ in
    Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: page)))
}
router.post("/start") { request, context -> WidgetSession in
    let input = try await request.decode(as: Start.self, context: context)
    var call = HTTPClientRequest(url: gateway + "/v1/verifications")
    call.method = .POST
    call.headers.add(name: "Authorization", value: "Bearer \(passkey)")
    call.headers.add(name: "Content-Type", value: "application/json")
    let body = try JSONSerialization.data(withJSONObject: ["mobile": input.mobile, "notify_url": publicURL + "/webhook"])
    call.body = .bytes(ByteBuffer(data: body))
    let response = try await HTTPClient.shared.execute(call, timeout: .seconds(10))
    let bytes = try await response.body.collect(upTo: 1 << 16)
    guard response.status == .created else { throw HTTPError(.badGateway, message: String(buffer: bytes)) }
    let created = try JSONDecoder().decode(Created.self, from: Data(buffer: bytes))
    return WidgetSession(id: created.id, token: created.widget_token, dial: created.dial)
}
router.get("/webhook") { request, _ -> Response in
    let target = request.uri.description
    guard signatureOK(request.headers[.init("X-Missedcall-Signature")!] ?? "", method: "GET", target: target, body: "") else {
        return Response(status: .unauthorized)
    }
    let query = request.uri.queryParameters
    if let sid = query.get("SID") { verified.withLock { $0[sid] = query.get("VerifiedNumber") ?? "" } }
    return Response(status: .ok)
}
router.get("/verified") { request, _ -> VerifiedState in
    let id = request.uri.queryParameters.get("id") ?? ""
    return VerifiedState(id: id, verified: verified.withLock { $0[id] != nil })
}

print("quickstart on http://127.0.0.1:\(port)/")
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
