/// What differs between modem vendors. Each vendor lives in its own folder; `VendorDetection`
/// picks one from `AT+CGMI`/`AT+CGMM`.
public protocol VendorQuirks: Sendable {
    var vendor: Vendor { get }
    /// Sent after the common initialisation; a failure is logged, not fatal (firmware varies).
    var setupCommands: [String] { get }
    /// Hang-up commands in the order to try them.
    var hangUpCommands: [String] { get }
    /// ICCID queries to try in turn until one answers. Sent without a response prefix: SIM800
    /// answers `AT+CCID` with bare digits.
    var iccidCommands: [ATCommand] { get }
    /// The SIM status query (Wavecom answers it without `OK`).
    var simStatusCommand: ATCommand { get }
}

public enum Vendor: String, Sendable, CaseIterable, Codable {
    case generic, huawei, zte, simcom, quectel, wavecom
}

extension VendorQuirks {
    public var setupCommands: [String] { [] }
    public var hangUpCommands: [String] { ["AT+CHUP", "ATH"] }
    public var iccidCommands: [ATCommand] { [ATCommand("AT+CCID"), ATCommand("AT+ICCID")] }
    public var simStatusCommand: ATCommand { .query("AT+CPIN?") }
}

public enum VendorDetection {
    /// Chooses quirks from the manufacturer and model strings, case-insensitively.
    public static func quirks(manufacturer: String, model: String) -> any VendorQuirks {
        let text = (manufacturer + " " + model).lowercased()
        if text.contains("huawei") { return HuaweiQuirks() }
        if text.contains("zte") { return ZTEQuirks() }
        if text.contains("simcom") || text.hasPrefix("sim") && model.lowercased().hasPrefix("sim") { return SIMComQuirks() }
        if text.contains("quectel") { return QuectelQuirks() }
        if text.contains("wavecom") || text.contains("sierra") { return WavecomQuirks() }
        return GenericQuirks()
    }
}
