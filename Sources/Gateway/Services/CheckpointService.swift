import ServiceLifecycle
import SessionStore

/// The store's WAL checkpoints (every half second, on a thread and a connection of their own),
/// cancelled last of the services, just before the store is closed.
struct CheckpointService: Service {
    let store: SQLGatewayStore

    func run() async {
        await cancelWhenGracefulShutdown { await store.runCheckpoints() }
    }
}
