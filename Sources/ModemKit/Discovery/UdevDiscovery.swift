import CUDev
import Logging

/// Enumerates USB serial ttys through libudev.
public enum UdevDiscovery {
    public enum Failure: Error, Equatable, Sendable {
        /// libudev could not start (no /sys, a minimal container).
        case unavailable
    }

    /// Every tty with a USB parent, whatever its vendor.
    public static func usbSerialPorts() throws(Failure) -> [USBSerialPort] {
        guard let udev = udev_new() else { throw .unavailable }
        defer { udev_unref(udev) }
        guard let enumerate = udev_enumerate_new(udev) else { throw .unavailable }
        defer { udev_enumerate_unref(enumerate) }
        udev_enumerate_add_match_subsystem(enumerate, "tty")
        udev_enumerate_scan_devices(enumerate)
        var ports: [USBSerialPort] = []
        var entry = udev_enumerate_get_list_entry(enumerate)
        while let current = entry {
            if let path = udev_list_entry_get_name(current),
                let device = udev_device_new_from_syspath(udev, path)
            {
                if let port = UdevDevice.usbSerialPort(device) { ports.append(port) }
                udev_device_unref(device)
            }
            entry = udev_list_entry_get_next(current)
        }
        return ports
    }

    /// The AT port of every known modem dongle plugged in now. Logs and returns `[]` when udev is
    /// not available, so callers fall back to configured device paths.
    public static func modemPorts(logger: Logger) -> [USBSerialPort] {
        do {
            return ATPortSelector.atPorts(from: try usbSerialPorts())
        } catch {
            logger.warning("udev is not available; using the configured device paths only")
            return []
        }
    }
}
