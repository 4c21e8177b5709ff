import ServiceLifecycle

/// The modem fleet (supervisors, the watchdog, hotplug) until shutdown; on graceful shutdown the
/// fleet stops taking modems and its supervisors are cancelled.
struct FleetService: Service {
    let fleet: ModemFleet

    func run() async {
        await withGracefulShutdownHandler {
            await fleet.run()
        } onGracefulShutdown: {
            fleet.stop()
        }
    }
}
