/// A tty that belongs to a USB device: what discovery knows before talking AT to it.
public struct USBSerialPort: Sendable, Equatable, Hashable, Codable {
    /// `/dev/ttyUSB2`
    public var devicePath: String
    /// The USB device's sysfs path (the same for every tty of one dongle); used to group its ports
    /// and, later, to reset it through `authorized`.
    public var usbDeviceSysPath: String
    /// Lowercase hex, e.g. `12d1`.
    public var vendorID: String
    public var productID: String
    public var interfaceNumber: Int?
    public var serial: String?

    public init(
        devicePath: String,
        usbDeviceSysPath: String,
        vendorID: String,
        productID: String,
        interfaceNumber: Int?,
        serial: String?
    ) {
        self.devicePath = devicePath
        self.usbDeviceSysPath = usbDeviceSysPath
        self.vendorID = vendorID.lowercased()
        self.productID = productID.lowercased()
        self.interfaceNumber = interfaceNumber
        self.serial = serial
    }
}
