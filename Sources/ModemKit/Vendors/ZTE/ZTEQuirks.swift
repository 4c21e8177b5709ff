/// ZTE MF-series: `+ZDONR`/`+ZPASR`/`+ZUSIMR` noise (parsed as noise), `+ZEND` at call end,
/// `AT+ZICCID?` on newer firmware.
public struct ZTEQuirks: VendorQuirks {
    public init() {}
    public var vendor: Vendor { .zte }
    public var iccidCommands: [ATCommand] { [ATCommand("AT+ZICCID?"), ATCommand("AT+CCID")] }
}
