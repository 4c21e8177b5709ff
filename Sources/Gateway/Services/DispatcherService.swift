import CallbackDispatcher
import ServiceLifecycle

/// The callback dispatcher until shutdown. On graceful shutdown it stops claiming and returns once
/// the deliveries in flight are finished and recorded (never cancelled mid-delivery).
struct DispatcherService: Service {
    let dispatcher: CallbackDispatcher

    func run() async {
        await withGracefulShutdownHandler {
            await dispatcher.run()
        } onGracefulShutdown: {
            dispatcher.stop()
        }
    }
}
