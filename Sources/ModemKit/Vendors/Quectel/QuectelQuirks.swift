/// Quectel (EC25, EG25, UC20): unsolicited results go to the port `AT+QURCCFG` names, so point
/// them at the AT port we listen on; `AT+QCCID` for the SIM.
public struct QuectelQuirks: VendorQuirks {
    public init() {}
    public var vendor: Vendor { .quectel }
    public var setupCommands: [String] { ["AT+QURCCFG=\"urcport\",\"usbat\""] }
    public var iccidCommands: [ATCommand] { [ATCommand("AT+QCCID"), ATCommand("AT+CCID")] }
}
