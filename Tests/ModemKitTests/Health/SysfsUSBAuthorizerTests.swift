import Foundation
import ModemKit
import Testing

@Suite("SysfsUSBAuthorizer on a sysfs-like tree")
struct SysfsUSBAuthorizerTests {
    /// `<root>/devices/pci0/usb1/1-1/1-1.3/{idVendor,authorized}`, the interface below it with its
    /// own `authorized`, the tty below that, and `<root>/class/tty/ttyUSB7/device` pointing there.
    static func makeTree() throws -> (root: String, device: String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sysfs-\(UUID().uuidString)").path
        let device = root + "/devices/pci0/usb1/1-1/1-1.3"
        let port = device + "/1-1.3:1.2/ttyUSB7"
        try FileManager.default.createDirectory(atPath: port + "/tty/ttyUSB7", withIntermediateDirectories: true)
        try "12d1\n".write(toFile: device + "/idVendor", atomically: true, encoding: .utf8)
        try "1\n".write(toFile: device + "/authorized", atomically: true, encoding: .utf8)
        try "1\n".write(toFile: device + "/1-1.3:1.2/authorized", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: root + "/class/tty/ttyUSB7", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: root + "/class/tty/ttyUSB7/device",
            withDestinationPath: "../../../devices/pci0/usb1/1-1/1-1.3/1-1.3:1.2/ttyUSB7"
        )
        return (root, device)
    }

    @Test("finds the USB device (not the interface) above the tty and writes 0 then 1 to authorized")
    func reauthorizes() async throws {
        let (root, device) = try Self.makeTree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let authorizer = SysfsUSBAuthorizer(sysfsRoot: root, offTime: .milliseconds(400))
        #expect(try authorizer.usbDevice(forTTY: "/dev/ttyUSB7") == device)
        let running = Task { try await authorizer.reauthorize(devicePath: "/dev/ttyUSB7") }
        var sawZero = false
        for _ in 0..<100 where !sawZero {
            sawZero = (try? String(contentsOfFile: device + "/authorized", encoding: .utf8)) == "0"
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(sawZero, "the device was de-authorised first")
        #expect(try await running.value == device)
        #expect(try String(contentsOfFile: device + "/authorized", encoding: .utf8) == "1")
        #expect(try String(contentsOfFile: device + "/1-1.3:1.2/authorized", encoding: .utf8) == "1\n", "the interface is left alone")
    }

    @Test("a pty is not a USB device")
    func notUSB() async throws {
        let (root, _) = try Self.makeTree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let authorizer = SysfsUSBAuthorizer(sysfsRoot: root)
        await #expect(throws: USBAuthorizationError.noUSBDevice("/dev/pts/3")) {
            try await authorizer.reauthorize(devicePath: "/dev/pts/3")
        }
    }
}
