import Testing

@testable import ModemKit

/// Real unsolicited lines as vendors send them.
@Suite("UnsolicitedResult")
struct UnsolicitedResultTests {
    static let cases: [(String, UnsolicitedResult?)] = [
        ("RING", .ring),
        ("+CRING: VOICE", .cring(type: "VOICE")),
        ("+CRING: REL ASYNC", .cring(type: "REL ASYNC")),
        // Generic / SIMCom / Quectel: all six fields.
        ("+CLIP: \"+919920123456\",145,\"\",0,\"\",0", .callerID(.number("+919920123456", type: 145))),
        // Type 145 without the plus (Quectel EC25 firmware does this).
        ("+CLIP: \"919920123456\",145,\"\",0,\"\",0", .callerID(.number("+919920123456", type: 145))),
        // Huawei: empty subaddress fields.
        ("+CLIP: \"09920123456\",129,,,,0", .callerID(.number("09920123456", type: 129))),
        // Wavecom: two fields only.
        ("+CLIP: \"0612345678\",129", .callerID(.number("0612345678", type: 129))),
        // Withheld (validity 1) and not available (validity 2), ZTE and SIMCom style.
        ("+CLIP: \"\",128,,,,1", .callerID(.withheld)),
        ("+CLIP: \"\",128,\"\",0,\"\",2", .callerID(.unavailable)),
        ("+CLIP: \"\",129", .callerID(.unavailable)),
        // With an alpha tag from the phonebook.
        ("+CLIP: \"+447700900123\",145,\"\",,\"Alice\",0", .callerID(.number("+447700900123", type: 145))),
        // Call waiting (27.007 §7.12): number, type, class, alpha, CLI validity.
        ("+CCWA: \"+919920123457\",145,1", .callWaiting(.number("+919920123457", type: 145))),
        ("+CCWA: \"09920123457\",129,1,\"\",0", .callWaiting(.number("09920123457", type: 129))),
        ("+CCWA: \"\",128,1,,1", .callWaiting(.withheld)),
        ("^CEND:1,0,104,16", .callEnded("^CEND:1,0,104,16")),
        ("^CONN:1,0", .callConnected),
        ("VOICE CALL: BEGIN", .callConnected),
        ("^SIMST: 255", .simStatus("^SIMST: 255")),
        ("+SIMCARD: NOT AVAILABLE", .simStatus("+SIMCARD: NOT AVAILABLE")),
        ("+CPIN: NOT READY", .simStatus("+CPIN: NOT READY")),
        ("^RSSI: 17", .signal(SignalQuality(rssi: 17))),
        ("^RSSI:99", .signal(SignalQuality(rssi: nil))),
        ("^BOOT:20952570,0,0,0,75", .noise("^BOOT:")),
        ("^DSFLOWRPT:00000B4C,00000000,00000000,0000000000021E0C,0000000000033A42,0003E800,0003E800", .noise("^DSFLOWRPT")),
        ("^MODE:5,4", .noise("^MODE")),
        ("+CMTI: \"SM\",3", .newMessage(storage: "SM", index: 3)),
        ("+CMTI: \"ME\",12", .newMessage(storage: "ME", index: 12)),
        ("+CREG: 1", .registration(.home)),
        ("+CREG: 5,\"00C3\",\"1A2B\"", .registration(.roaming)),
        ("+QIND: SMS DONE", .noise("+QIND:")),
        ("+WIND: 4", .noise("+WIND:")),
        ("+ZDONR: \"Vodafone\",404,20,\"CS_PS\",\"ROAM_OFF\"", .noise("+ZDONR")),
        ("+ZEND", .callEnded("+ZEND")),
        ("NO CARRIER", .callEnded("NO CARRIER")),
        ("VOICE CALL: END: 000012", .callEnded("VOICE CALL: END: 000012")),
        ("MISSED_CALL: 10:05AM +919920123456", .callEnded("MISSED_CALL: 10:05AM +919920123456")),
        ("RDY", .restarted("RDY")),
        ("+CFUN: 1", .restarted("+CFUN: 1")),
        ("Call Ready", .restarted("Call Ready")),
        ("*PSUTTZ: 2026,11,28,7,30,0,\"+22\",0", .noise("*PSUTTZ")),
        // Not unsolicited.
        ("+CLIP: 1,1", nil),
        ("+CCWA: 1,1", nil),
        ("+CSQ: 17,99", nil),
        ("OK", nil),
        ("huawei", nil),
    ]

    @Test(arguments: cases)
    func parse(_ line: String, _ expected: UnsolicitedResult?) {
        #expect(UnsolicitedResult.parse(line) == expected)
    }
}
