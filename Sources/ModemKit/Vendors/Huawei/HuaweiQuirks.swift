/// Huawei sticks (E1550, E173, E3131 in stick mode): chatty `^RSSI`/`^DSFLOWRPT`/`^BOOT` reports
/// that `AT^CURC=0` silences, `^CEND` when a call ends, `^ICCID?` for the SIM, and `ATH` only hangs
/// up voice calls after `AT+CVHU=0`.
public struct HuaweiQuirks: VendorQuirks {
    public init() {}
    public var vendor: Vendor { .huawei }
    public var setupCommands: [String] { ["AT^CURC=0", "AT+CVHU=0"] }
    public var iccidCommands: [ATCommand] { [ATCommand("AT^ICCID?"), ATCommand("AT+CCID")] }
}
