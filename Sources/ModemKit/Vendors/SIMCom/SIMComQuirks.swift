/// SIMCom (SIM800, SIM7600): `ATH` is ignored for voice until `AT+CVHU=0`; `AT+CICCID` on the 7600.
public struct SIMComQuirks: VendorQuirks {
    public init() {}
    public var vendor: Vendor { .simcom }
    public var setupCommands: [String] { ["AT+CVHU=0"] }
    public var iccidCommands: [ATCommand] { [ATCommand("AT+CICCID"), ATCommand("AT+CCID")] }
}
