import Logging
import ModemKit

extension ModemFleet {
    /// Dongles found by udev now, then as they are plugged in (the kernel's netlink events; udevd
    /// need not run). Without udev (a minimal container) only configured paths are used.
    func discover(pollSeconds: Int, pin: String?) {
        for port in UdevDiscovery.modemPorts(logger: logger) {
            logger.info("modem found by udev", metadata: [LogKey.path: "\(port.devicePath)", LogKey.usb: "\(port.vendorID):\(port.productID)"])
            add(devicePath: port.devicePath, pollSeconds: pollSeconds, pin: pin)
        }
        let monitor = UdevHotplugMonitor(logger: logger)
        do {
            try monitor.start()
        } catch {
            logger.warning("udev hotplug monitor unavailable; plugged-in dongles need a restart")
            return
        }
        hotplug.withLock { $0 = (monitor, pollSeconds, pin) }
    }

    /// Adds each known dongle as it is plugged in, until the monitor stops (`HotplugService`).
    func consumeHotplug(_ monitor: UdevHotplugMonitor, pollSeconds: Int, pin: String?) async {
        for await event in monitor.events {
            guard case .added(let port) = event, ATPortSelector.isKnownModemVendor(port.vendorID) else { continue }
            // Ports of one dongle arrive one by one: take the vendor's AT interface when it shows up.
            let preferred = ATPortSelector.preferredInterfaces[port.vendorID]?.first
            guard port.interfaceNumber == preferred else { continue }
            try? await Task.sleep(for: .seconds(2))  // let usb_modeswitch and the driver settle
            logger.info("modem plugged in", metadata: [LogKey.path: "\(port.devicePath)"])
            add(devicePath: port.devicePath, pollSeconds: pollSeconds, pin: pin)
        }
    }
}
