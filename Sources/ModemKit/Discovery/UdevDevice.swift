import CUDev

/// Reads a tty's USB facts through libudev. udevd may not run (containers, this build box): then the
/// `ID_*` properties are missing, so everything comes from sysfs attributes of the parents.
enum UdevDevice {
    static func usbSerialPort(_ device: OpaquePointer) -> USBSerialPort? {
        guard let node = udev_device_get_devnode(device).map(String.init(cString:)) else { return nil }
        guard let usbDevice = udev_device_get_parent_with_subsystem_devtype(device, "usb", "usb_device") else {
            return nil  // not USB: a built-in UART or a pty
        }
        let interface = udev_device_get_parent_with_subsystem_devtype(device, "usb", "usb_interface")
        guard let vendor = attribute(usbDevice, "idVendor"), let product = attribute(usbDevice, "idProduct"),
            let sysPath = udev_device_get_syspath(usbDevice).map(String.init(cString:))
        else { return nil }
        let interfaceNumber = interface.flatMap { attribute($0, "bInterfaceNumber") }.flatMap { Int($0, radix: 16) }
        return USBSerialPort(
            devicePath: node,
            usbDeviceSysPath: sysPath,
            vendorID: vendor,
            productID: product,
            interfaceNumber: interfaceNumber,
            serial: attribute(usbDevice, "serial")
        )
    }

    static func attribute(_ device: OpaquePointer, _ name: String) -> String? {
        guard let value = udev_device_get_sysattr_value(device, name) else { return nil }
        let text = String(cString: value).trimmingASCIIWhitespace()
        return text.isEmpty ? nil : text
    }
}
