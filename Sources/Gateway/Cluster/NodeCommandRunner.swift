import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import SessionStore
import Synchronization

/// Runs the admin requests other nodes queued for this node's modems (`ModemCommandRouting`):
/// each is replayed on this node's own admin socket, marked as routed (so it is never routed
/// again), and its status and body written back for the asking node.
final class NodeCommandRunner: Sendable {
    let store: SQLGatewayStore
    let socketPath: String
    let logger: Logger
    private let client = HTTPClient(eventLoopGroupProvider: .singleton)
    /// One round at a time; a poke during a round asks for another after it.
    private let state = Mutex<(running: Bool, again: Bool)>((false, false))

    init(store: SQLGatewayStore, socketPath: String, logger: Logger) {
        self.store = store
        self.socketPath = socketPath
        self.logger = logger
    }

    func runOpenCommands() async {
        let start = state.withLock { state -> Bool in
            if state.running {
                state.again = true
                return false
            }
            state.running = true
            return true
        }
        guard start else { return }
        while true {
            do {
                for command in try await store.openCommands() {
                    let (status, body) = await replay(command)
                    try await store.finishCommand(id: command.id, status: status, response: body)
                }
            } catch {
                logger.warning("running other nodes' admin requests failed", metadata: [LogKey.error: "\(error)"])
            }
            let again = state.withLock { state -> Bool in
                defer { state.again = false }
                if !state.again { state.running = false }
                return state.again
            }
            if !again { return }
        }
    }

    private func replay(_ command: NodeCommand) async -> (Int, String) {
        guard let url = URL(httpURLWithSocketPath: socketPath, uri: command.path) else {
            return (400, #"{"error":"unroutable path","code":"invalid_request"}"#)
        }
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = HTTPMethod(rawValue: command.method)
        request.headers.add(name: "X-Missedcall-Routed-From", value: command.nodeID)
        request.headers.add(name: "Content-Type", value: "application/json")
        if !command.body.isEmpty { request.body = .bytes(ByteBuffer(string: command.body)) }
        do {
            let response = try await client.execute(request, timeout: .seconds(40))
            let body = try await response.body.collect(upTo: 4 << 20)
            return (Int(response.status.code), String(buffer: body))
        } catch {
            return (502, #"{"error":"the owning node could not run the request","code":"modem_failed"}"#)
        }
    }

    func shutdown() async {
        try? await client.shutdown()
    }
}
