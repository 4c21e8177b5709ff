/// The last rung before quarantine: make the kernel drop the USB device and take it back, as if it
/// were unplugged and plugged in again. A protocol so tests can watch the rung being climbed.
public protocol USBDeviceAuthorizer: Sendable {
    /// Re-authorises the USB device behind the tty at `devicePath`; returns the device's sysfs
    /// directory. Throws `USBAuthorizationError.noUSBDevice` when the tty is not on USB (a pty).
    func reauthorize(devicePath: String) async throws -> String
}

public enum USBAuthorizationError: Error, Equatable, Sendable, CustomStringConvertible {
    case noUSBDevice(String)
    case disabled
    case writeFailed(path: String, errno: Int32)

    public var description: String {
        switch self {
        case .noUSBDevice(let path): return "\(path) is not a USB device"
        case .disabled: return "USB re-authorisation is switched off (recovery.usbReset)"
        case .writeFailed(let path, let errno): return "cannot write \(path) (errno \(errno)); see udev-rules/ for the permission"
        }
    }
}

/// The USB rung switched off by configuration: it is skipped.
public struct NoUSBAuthorizer: USBDeviceAuthorizer {
    public init() {}
    public func reauthorize(devicePath: String) async throws -> String {
        throw USBAuthorizationError.disabled
    }
}
