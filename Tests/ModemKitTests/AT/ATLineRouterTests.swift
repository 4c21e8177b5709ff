import Testing

@testable import ModemKit

@Suite("ATLineRouter")
struct ATLineRouterTests {
    static let csq = ATCommand.query("AT+CSQ")
    static let clipQuery = ATCommand.query("AT+CLIP?")
    static let cregQuery = ATCommand.query("AT+CREG?")
    static let hangUp = ATCommand("AT+CHUP", acceptsCallProgress: true)
    static let cgmi = ATCommand("AT+CGMI")

    static let cases: [(String, ATCommand?, ATLineRouter.Decision)] = [
        // Echo left on after power-up.
        ("AT+CSQ", csq, .echo),
        ("at+csq", csq, .echo),
        ("ATE0", nil, .echo),
        // The reply itself.
        ("+CSQ: 17,99", csq, .information),
        ("OK", csq, .final(.ok)),
        ("huawei", cgmi, .information),
        // Unsolicited lines in the middle of a reply.
        ("RING", csq, .unsolicited(.ring)),
        ("+CLIP: \"+919920123456\",145,,,,0", csq, .unsolicited(.callerID(.number("+919920123456", type: 145)))),
        ("^RSSI: 14", csq, .unsolicited(.signal(SignalQuality(rssi: 14)))),
        ("^DSFLOWRPT:00000B4C,00000000,00000000", cgmi, .unsolicited(.noise("^DSFLOWRPT"))),
        ("+CMTI: \"SM\",3", csq, .unsolicited(.newMessage(storage: "SM", index: 3))),
        // The query reply has the URC's prefix but is the command's own.
        ("+CLIP: 1,1", clipQuery, .information),
        ("+CREG: 0,1", cregQuery, .information),
        ("+CREG: 2", csq, .unsolicited(.registration(.searching))),
        // A caller ID is always a URC, even during AT+CLIP?.
        ("+CLIP: \"0612345678\",129", clipQuery, .unsolicited(.callerID(.number("0612345678", type: 129)))),
        // NO CARRIER ends a hang-up but is the caller leaving during anything else.
        ("NO CARRIER", hangUp, .final(.noCarrier)),
        ("NO CARRIER", csq, .unsolicited(.callEnded("NO CARRIER"))),
        ("NO CARRIER", nil, .unsolicited(.callEnded("NO CARRIER"))),
        ("BUSY", csq, .unrecognized),
        // Noise during a command with a known prefix is not part of its reply.
        ("x#7+CSQ", csq, .unrecognized),
        ("^BOOT:20952570,0,0,0,75", csq, .unsolicited(.noise("^BOOT:"))),
        // Stray results and garbage while idle.
        ("OK", nil, .unrecognized),
        ("\u{FFFD}x7#", nil, .unrecognized),
    ]

    @Test(arguments: cases)
    func route(_ line: String, _ command: ATCommand?, _ expected: ATLineRouter.Decision) {
        #expect(ATLineRouter.route(line, pending: command) == expected)
    }

    @Test func derivedPrefixes() {
        #expect(ATCommand.derivedPrefix("AT+CSQ") == "+CSQ:")
        #expect(ATCommand.derivedPrefix("AT+CREG?") == "+CREG:")
        #expect(ATCommand.derivedPrefix("AT^ICCID?") == "^ICCID:")
        #expect(ATCommand.derivedPrefix("AT+CPIN=\"1234\"") == "+CPIN:")
        #expect(ATCommand.derivedPrefix("ATE0") == nil)
    }
}
