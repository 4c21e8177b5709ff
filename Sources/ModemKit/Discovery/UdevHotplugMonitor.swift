import CUDev
import Foundation
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Watches tty add/remove events from the kernel. It listens on the "kernel" netlink group, not
/// "udev": that works without udevd (containers), at the price of the `ID_*` properties, which we
/// read from sysfs anyway. One thread blocks in `poll` on the monitor socket; it is not per port.
public final class UdevHotplugMonitor: Sendable {
    public enum Event: Sendable, Equatable {
        case added(USBSerialPort)
        /// Only the device node is known once a device is gone.
        case removed(devicePath: String)
    }

    public let events: AsyncStream<Event>
    private let continuation: AsyncStream<Event>.Continuation
    private let stopRequested = Atomic<Bool>(false)
    private let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
        (events, continuation) = AsyncStream.makeStream(of: Event.self)
    }

    /// Starts the monitor thread; throws when libudev or the netlink socket is unavailable.
    public func start() throws(UdevDiscovery.Failure) {
        guard let udev = udev_new() else { throw .unavailable }
        guard let monitor = udev_monitor_new_from_netlink(udev, "kernel") else {
            udev_unref(udev)
            throw .unavailable
        }
        udev_monitor_filter_add_match_subsystem_devtype(monitor, "tty", nil)
        guard udev_monitor_enable_receiving(monitor) == 0 else {
            udev_monitor_unref(monitor)
            udev_unref(udev)
            throw .unavailable
        }
        let handle = MonitorHandle(udev: udev, monitor: monitor)
        let thread = Thread { [self] in self.loop(handle) }
        thread.start()
    }

    public func stop() {
        stopRequested.store(true, ordering: .relaxed)
    }

    private func loop(_ handle: MonitorHandle) {
        defer {
            udev_monitor_unref(handle.monitor)
            udev_unref(handle.udev)
            continuation.finish()
        }
        var descriptor = pollfd(fd: udev_monitor_get_fd(handle.monitor), events: Int16(POLLIN), revents: 0)
        while !stopRequested.load(ordering: .relaxed) {
            // A short timeout so stop() is noticed; hotplug needs no faster reaction.
            guard poll(&descriptor, 1, 250) > 0, let device = udev_monitor_receive_device(handle.monitor) else { continue }
            defer { udev_device_unref(device) }
            let action = udev_device_get_action(device).map(String.init(cString:)) ?? ""
            switch action {
            case "add":
                if let port = UdevDevice.usbSerialPort(device) { continuation.yield(.added(port)) }
            case "remove":
                if let node = udev_device_get_devnode(device).map(String.init(cString:)) {
                    continuation.yield(.removed(devicePath: node))
                }
            default:
                break
            }
        }
    }
}

/// The libudev handles, owned by the monitor thread once started.
private struct MonitorHandle: @unchecked Sendable {
    let udev: OpaquePointer
    let monitor: OpaquePointer
}
