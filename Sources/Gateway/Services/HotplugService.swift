import ServiceLifecycle

/// Dongles plugged in while the daemon runs, as udev's netlink events tell them (the monitor is
/// opened at start when `modems.udev` is on); each known one is handed to the fleet. Stopped
/// before the fleet.
struct HotplugService: Service {
    let fleet: ModemFleet

    func run() async {
        guard let hotplug = fleet.hotplug.withLock({ $0 }) else {
            // No udev: nothing will be plugged in; stay until shutdown like every service.
            try? await gracefulShutdown()
            return
        }
        await cancelWhenGracefulShutdown {
            await fleet.consumeHotplug(hotplug.monitor, pollSeconds: hotplug.pollSeconds, pin: hotplug.pin)
        }
    }
}
