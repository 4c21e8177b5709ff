import Foundation
import GatewayAPI
import Logging
import ServiceLifecycle
import SessionStore

/// This node's heartbeat: every third of the number lease it writes its row (version, modems as
/// the admin sees them) and renews the lease of the numbers its modems hold, so they stay in
/// allocation; on graceful shutdown it takes them out at once and marks the node stopped. A node
/// killed outright stops renewing, and its numbers leave allocation when the lease ends.
struct NodeService: Service {
    let store: SQLGatewayStore
    let cluster: ClusterView
    let version: String
    let logger: Logger
    let startedAt = Date()

    func run() async {
        let interval = max(.seconds(1), store.numberLease / 3)
        await cancelWhenGracefulShutdown {
            var failing = false
            while !Task.isCancelled {
                do {
                    try await store.heartbeat(
                        hostname: ProcessInfo.processInfo.hostName,
                        version: version,
                        startedAt: startedAt,
                        modems: cluster.encodedLocalModems()
                    )
                    if failing { logger.notice("heartbeat written again") }
                    failing = false
                } catch {
                    // The database may be restarting: the leases run out meanwhile (by design).
                    if !failing { logger.error("cannot write the node heartbeat", metadata: [LogKey.error: "\(error)"]) }
                    failing = true
                }
                try? await Task.sleep(for: interval)
            }
        }
        do {
            try await store.leaveCluster()
        } catch {
            logger.warning("could not release this node's numbers; they leave allocation when their lease ends", metadata: [LogKey.error: "\(error)"])
        }
    }
}

/// PostgreSQL: hears other nodes on the store's channel — a verified session wakes this node's
/// long-polls and event streams within milliseconds of the commit, and an admin request for one of
/// this node's modems is run (`NodeCommandRunner`). Requests queued while the connection was down
/// are run on reconnection, and every 2 s as a backstop. SQLite: nothing to hear; waits for shutdown.
struct ClusterListenerService: Service {
    let store: SQLGatewayStore
    let events: VerificationEvents
    let runner: NodeCommandRunner

    func run() async {
        await cancelWhenGracefulShutdown {
            guard store.engine == "postgresql" else {
                try? await gracefulShutdown()
                return
            }
            let node = "c:" + store.nodeID
            // Pokes coalesce: a round already due covers every request queued before it.
            let (pokes, poke) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
            await withDiscardingTaskGroup { group in
                group.addTask {
                    await store.listen(onConnect: { poke.yield() }) { payload in
                        if payload.hasPrefix("s:") {
                            events.publish(sid: String(payload.dropFirst(2)))
                        } else if payload == node {
                            poke.yield()
                        }
                    }
                    poke.finish()
                }
                group.addTask {
                    for await _ in pokes { await runner.runOpenCommands() }
                }
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: .seconds(2))
                        poke.yield()
                    }
                }
            }
        }
        await runner.shutdown()
    }
}
