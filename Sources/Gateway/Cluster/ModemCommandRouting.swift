import AdminContract
import Foundation
import GatewayAPI
import HTTPTypes
import Hummingbird
import NIOCore
import SessionStore

/// Admin requests for a modem another node drives (`/modems/{imei}/…`) are carried out by that
/// node: the request goes into `node_commands` with a NOTIFY, the owner replays it on its own admin
/// socket and writes the answer back, and this node returns that answer as its own. Through the
/// database, not node to node: the nodes need no network path or credentials between them, only
/// the database they already share. A modem this node drives, or one no running node claims, is
/// answered here as before (404 for an unknown IMEI).
struct ModemCommandRouting<Context: RequestContext>: RouterMiddleware {
    static var routedHeader: HTTPField.Name { HTTPField.Name("X-Missedcall-Routed-From")! }
    let cluster: ClusterView
    /// Above the longest modem command (a radio reset waits 30 s for its answer).
    var timeout: Duration = .seconds(45)

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let parts = request.uri.path.split(separator: "/")
        guard parts.count >= 2, parts[0] == "modems", request.headers[Self.routedHeader] == nil else {
            return try await next(request, context)
        }
        let imei = String(parts[1])
        guard (try? cluster.fleet.report(imei: imei)) == nil, let owner = try await cluster.owner(ofModem: imei) else {
            return try await next(request, context)
        }
        let body = try await request.body.collect(upTo: 1 << 20)
        let id = try await cluster.store.submitCommand(
            node: owner,
            method: request.method.rawValue,
            path: request.uri.description,
            body: String(buffer: body)
        )
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let command = try await cluster.store.command(id: id), let status = command.status {
                var response = Response(
                    status: .init(code: status),
                    headers: [.contentType: "application/json"],
                    body: .init(byteBuffer: ByteBuffer(string: command.response ?? ""))
                )
                response.headers[Self.routedHeader] = owner
                return response
            }
            try await Task.sleep(for: .milliseconds(25))
        }
        let reply = AdminErrorReply(
            error: "node \(owner) drives this modem and did not answer within \(timeout); is it running?",
            code: "unavailable"
        )
        return Response(
            status: .gatewayTimeout,
            headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(data: try AdminCoding.encoder.encode(reply)))
        )
    }
}
