import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes `0` then `1` to the USB device's `authorized` attribute in sysfs. The file is root's;
/// the udev rule in `udev-rules/` gives the dialout group write access to it for our dongles.
public struct SysfsUSBAuthorizer: USBDeviceAuthorizer {
    /// `/sys`, or a directory laid out like it (tests).
    public var sysfsRoot: String
    public var offTime: Duration

    public init(sysfsRoot: String = "/sys", offTime: Duration = .seconds(2)) {
        self.sysfsRoot = sysfsRoot
        self.offTime = offTime
    }

    public func reauthorize(devicePath: String) async throws -> String {
        let device = try usbDevice(forTTY: devicePath)
        let attribute = device + "/authorized"
        try write("0", to: attribute)
        try? await Task.sleep(for: offTime)
        try write("1", to: attribute)
        return device
    }

    /// The USB device directory (the one with `idVendor` and `authorized`; interfaces have only
    /// the latter) above the tty's sysfs node.
    public func usbDevice(forTTY devicePath: String) throws -> String {
        // /dev/missedcall/by-port/... and other symlinks lead to the real ttyUSBn.
        let resolved = (try? FileManager.default.destinationOfSymbolicLinkResolved(devicePath)) ?? devicePath
        let name = (resolved as NSString).lastPathComponent
        let link = "\(sysfsRoot)/class/tty/\(name)/device"
        guard let start = try? FileManager.default.destinationOfSymbolicLinkResolved(link) else {
            throw USBAuthorizationError.noUSBDevice(devicePath)
        }
        var directory = start
        let manager = FileManager.default
        while directory.count > sysfsRoot.count {
            if manager.fileExists(atPath: directory + "/idVendor"), manager.fileExists(atPath: directory + "/authorized") {
                return directory
            }
            directory = (directory as NSString).deletingLastPathComponent
        }
        throw USBAuthorizationError.noUSBDevice(devicePath)
    }

    private func write(_ value: String, to path: String) throws {
        let fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)  // as `echo 0 > authorized` does
        guard fd >= 0 else { throw USBAuthorizationError.writeFailed(path: path, errno: errno) }
        defer { close(fd) }
        let written = value.withCString { Glibc.write(fd, $0, strlen($0)) }
        guard written >= 0 else { throw USBAuthorizationError.writeFailed(path: path, errno: errno) }
    }
}

extension FileManager {
    /// The absolute path a symlink (chain) ends at; throws when `path` does not exist.
    func destinationOfSymbolicLinkResolved(_ path: String) throws -> String {
        guard let real = realpath(path, nil) else { throw CocoaError(.fileNoSuchFile) }
        defer { free(real) }
        return String(cString: real)
    }
}
