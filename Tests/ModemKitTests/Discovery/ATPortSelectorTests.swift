import Testing

@testable import ModemKit

@Suite("ATPortSelector")
struct ATPortSelectorTests {
    static func port(_ tty: String, _ device: String, _ vendor: String, _ interface: Int?) -> USBSerialPort {
        USBSerialPort(
            devicePath: "/dev/\(tty)",
            usbDeviceSysPath: "/sys/devices/pci0000:00/usb1/\(device)",
            vendorID: vendor,
            productID: "1001",
            interfaceNumber: interface,
            serial: nil
        )
    }

    @Test func picksTheATInterfacePerVendor() {
        let ports = [
            // Huawei E1550: modem, diagnostics, PC UI.
            Self.port("ttyUSB0", "1-1", "12d1", 0), Self.port("ttyUSB1", "1-1", "12d1", 1), Self.port("ttyUSB2", "1-1", "12d1", 2),
            // Quectel EC25: DM, NMEA, AT, modem.
            Self.port("ttyUSB3", "1-2", "2c7c", 0), Self.port("ttyUSB4", "1-2", "2c7c", 1),
            Self.port("ttyUSB5", "1-2", "2c7c", 2), Self.port("ttyUSB6", "1-2", "2C7C", 3),
            // A USB-serial adapter: not a modem.
            Self.port("ttyUSB7", "1-3", "0403", 0),
        ]
        let chosen = ATPortSelector.atPorts(from: ports).map(\.devicePath)
        #expect(chosen == ["/dev/ttyUSB2", "/dev/ttyUSB5"])
        let withUnknown = ATPortSelector.atPorts(from: ports, includeUnknown: true).map(\.devicePath)
        #expect(withUnknown == ["/dev/ttyUSB2", "/dev/ttyUSB5", "/dev/ttyUSB7"])
    }

    @Test func fallsBackWhenThePreferredInterfaceIsMissing() {
        // A Huawei in a mode that exposes only one tty.
        let ports = [Self.port("ttyUSB0", "1-4", "12d1", 1)]
        #expect(ATPortSelector.atPorts(from: ports).map(\.devicePath) == ["/dev/ttyUSB0"])
    }

    @Test func enumerationRunsOnThisMachine() throws {
        // No dongle here: what matters is that libudev enumerates sysfs without udevd and finds no
        // USB tty where there is none (ptys and built-in UARTs have no USB parent).
        let ports = try UdevDiscovery.usbSerialPorts()
        #expect(ports.allSatisfy { $0.devicePath.hasPrefix("/dev/") && !$0.vendorID.isEmpty })
    }
}
