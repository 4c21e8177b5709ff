import NIOCore
import ServiceLifecycle

#if canImport(Glibc)
import Glibc
#endif

/// A server that finishes the requests in progress on graceful shutdown, but not for ever: a REST
/// long-poll or an event stream still open `deadline` after shutdown began is cut off (they may
/// wait up to a session's lifetime).
struct ShutdownDeadline: Service {
    let server: any Service
    let deadline: Duration
    /// What the server listens on, for the error when it cannot (`127.0.0.1:8080`, a socket path).
    let address: String

    func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await server.run()
                } catch let error as IOError {
                    throw GatewayError.cannotListen(address: address, reason: String(cString: strerror(error.errnoCode)))
                }
            }
            group.addTask {
                try await gracefulShutdown()
                try await Task.sleep(for: deadline)
            }
            // The server ending (after its graceful shutdown, or failing to start) or the deadline,
            // whichever comes first; the other is cancelled.
            defer { group.cancelAll() }
            try await group.next()
        }
    }
}
