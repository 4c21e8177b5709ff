/// Who a modem and its SIM are. A modem is known by its IMEI and its SIM by its ICCID, so a dongle
/// that comes back as another ttyUSB is still the same modem.
public struct ModemIdentity: Sendable, Equatable, Codable {
    public var manufacturer: String?
    public var model: String?
    public var revision: String?
    public var imei: String?
    public var imsi: String?
    public var iccid: String?
    /// From `AT+CNUM`, which most SIMs leave empty.
    public var ownNumber: String?
    public var vendor: Vendor

    public init(
        manufacturer: String? = nil,
        model: String? = nil,
        revision: String? = nil,
        imei: String? = nil,
        imsi: String? = nil,
        iccid: String? = nil,
        ownNumber: String? = nil,
        vendor: Vendor = .generic
    ) {
        self.manufacturer = manufacturer
        self.model = model
        self.revision = revision
        self.imei = imei
        self.imsi = imsi
        self.iccid = iccid
        self.ownNumber = ownNumber
        self.vendor = vendor
    }
}
