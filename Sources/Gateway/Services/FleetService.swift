import ServiceLifecycle

/// The modem fleet (supervisors, the watchdog, hotplug) until shutdown; on graceful shutdown the
/// fleet stops taking modems and its supervisors are cancelled.
struct FleetService: Service {
    let fleet: ModemFleet
    /// Stops for the modem sources outside the fleet (the simulated modems are unplugged).
    var sources: [@Sendable () -> Void] = []

    func run() async {
        await withGracefulShutdownHandler {
            await fleet.run()
        } onGracefulShutdown: {
            for stop in sources { stop() }
            fleet.stop()
        }
    }
}
