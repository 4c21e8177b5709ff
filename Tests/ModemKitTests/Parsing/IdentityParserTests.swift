import Testing

@testable import ModemKit

@Suite("IdentityParser")
struct IdentityParserTests {
    static let texts: [([String], String?)] = [
        (["huawei"], "huawei"),
        (["+CGMI: \"Quectel\""], "Quectel"),
        (["Manufacturer: huawei"], "huawei"),
        (["SIMCOM_Ltd"], "SIMCOM_Ltd"),
        (["WAVECOM MODEM  "], "WAVECOM MODEM"),  // Wavecom padding
        (["  MULTIBAND  900E  1800 "], "MULTIBAND 900E 1800"),
        (["+CGMR: LE20B04SIM7600M22"], "LE20B04SIM7600M22"),
        ([], nil),
    ]

    @Test(arguments: texts)
    func text(_ lines: [String], _ expected: String?) {
        #expect(IdentityParser.text(lines) == expected)
    }

    static let imeis: [([String], String?)] = [
        (["861234567890123"], "861234567890123"),
        (["+CGSN: 861234567890123"], "861234567890123"),
        ([" 861234567890123 "], "861234567890123"),  // Wavecom
        (["IMEI: 861234567890123"], "861234567890123"),
        (["ERROR"], nil),
    ]

    @Test(arguments: imeis)
    func imei(_ lines: [String], _ expected: String?) {
        #expect(IdentityParser.digits(lines, length: 14...17) == expected)
    }

    static let iccids: [([String], String?)] = [
        (["+CCID: \"8991101200003204510\""], "8991101200003204510"),
        (["^ICCID: 8991101200003204510"], "8991101200003204510"),
        (["+QCCID: 89860318640220133897F"], "89860318640220133897"),  // F padding
        (["+ICCID: 8944110068356264735"], "8944110068356264735"),
        (["8991101200003204510"], "8991101200003204510"),
        (["+CCID: 12"], nil),
    ]

    @Test(arguments: iccids)
    func iccid(_ lines: [String], _ expected: String?) {
        #expect(IdentityParser.iccid(lines) == expected)
    }

    @Test func ownNumber() {
        #expect(IdentityParser.ownNumber(["+CNUM: \"\",\"+919920123456\",145"]) == "+919920123456")
        #expect(IdentityParser.ownNumber(["+CNUM: \"Line 1\",\"0612345678\",129,7,4"]) == "0612345678")
        #expect(IdentityParser.ownNumber(["+CNUM: \"\",\"\",129"]) == nil)
        #expect(IdentityParser.ownNumber([]) == nil)
    }

    @Test func callerIDFromFields() {
        #expect(CallerID.from(number: "919920123456", type: 145, validity: nil) == .number("+919920123456", type: 145))
        #expect(CallerID.from(number: "+919920123456", type: 145, validity: 1) == .withheld)
        #expect(CallerID.from(number: "", type: 128, validity: 0) == .unavailable)
        #expect(CallerID.from(number: "abc", type: 129, validity: 0) == .unavailable)
        #expect(CallerID.withheld.isUnknown && CallerID.unavailable.isUnknown)
        #expect(CallerID.number("+919920123456", type: 145).masked == "+91******3456")
        #expect(PhoneMask.mask("9920123456") == "******3456")
    }

    static let vendors: [(String, String, Vendor)] = [
        ("huawei", "E1550", .huawei),
        ("ZTE INCORPORATED", "MF190", .zte),
        ("SIMCOM_Ltd", "SIMCOM_SIM7600E-H", .simcom),
        ("SIMCOM_Ltd", "SIM800", .simcom),
        ("Quectel", "EC25", .quectel),
        ("WAVECOM MODEM", "MULTIBAND 900E 1800", .wavecom),
        ("Generic", "GSM Modem", .generic),
    ]

    @Test(arguments: vendors)
    func vendorDetection(_ manufacturer: String, _ model: String, _ vendor: Vendor) {
        #expect(VendorDetection.quirks(manufacturer: manufacturer, model: model).vendor == vendor)
    }
}
