import Testing

@testable import ModemKit

@Suite("FinalResult")
struct FinalResultTests {
    static let cases: [(String, FinalResult?)] = [
        ("OK", .ok),
        ("ERROR", .error),
        ("+CME ERROR: 10", .cmeError(code: 10, text: "10")),
        ("+CME ERROR: SIM not inserted", .cmeError(code: nil, text: "SIM not inserted")),
        ("+CMS ERROR: 500", .cmsError(code: 500, text: "500")),
        ("NO CARRIER", .noCarrier),
        ("BUSY", .busy),
        ("NO ANSWER", .noAnswer),
        ("NO DIALTONE", .noDialtone),
        ("CONNECT", .connect("")),
        ("CONNECT 115200", .connect("115200")),
        ("COMMAND NOT SUPPORT", .commandNotSupported),  // Huawei's wording
        ("+CSQ: 17,99", nil),
        ("RING", nil),
        ("OKAY", nil),
    ]

    @Test(arguments: cases)
    func parse(_ line: String, _ expected: FinalResult?) {
        #expect(FinalResult.parse(line) == expected)
    }

    @Test func successAndGenerality() {
        #expect(FinalResult.ok.isSuccess)
        #expect(!FinalResult.error.isSuccess)
        #expect(FinalResult.cmeError(code: 3, text: "3").isGeneral)
        #expect(!FinalResult.noCarrier.isGeneral)
    }
}
