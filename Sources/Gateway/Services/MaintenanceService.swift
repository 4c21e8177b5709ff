import Foundation
import ServiceLifecycle
import SessionStore

/// Expiry of sessions past their window, the funnel's rollup of finished days (before the purge
/// can take their sessions, and so the console never pays for it: 1.5 s for 29 days of a
/// million sessions), and purge of what is older than the retention, once a minute; cancelled on
/// graceful shutdown (nothing it does is lost by stopping between two rounds).
struct MaintenanceService: Service {
    let store: any GatewayStore
    let retentionDays: Int

    func run() async {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                _ = try? await store.expireSessions(now: Date())
                _ = try? await store.rollUpFunnel(from: Date().addingTimeInterval(-86_400 * Double(max(retentionDays, 30))), now: Date())
                _ = try? await store.purge(olderThan: Date().addingTimeInterval(-86_400 * Double(retentionDays)))
                try? await Task.sleep(for: .seconds(60))
            }
        }
    }
}
