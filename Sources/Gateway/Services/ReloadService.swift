import ServiceLifecycle
import UnixSignals

/// SIGHUP (`systemctl reload`): the number-intelligence files are read again.
struct ReloadService: Service {
    let reload: @Sendable () -> Void

    func run() async {
        await cancelWhenGracefulShutdown {
            for await _ in await UnixSignalsSequence(trapping: .sighup) {
                reload()
            }
        }
    }
}
