import Testing

@testable import ModemKit

@Suite("Network parsers")
struct NetworkParserTests {
    static let registration: [(String, RegistrationStatus?)] = [
        ("+CREG: 0,1", .home),
        ("+CREG: 0,5", .roaming),
        ("+CREG: 2,1,\"00C3\",\"1A2B\"", .home),
        ("+CREG: 2,1,\"00C3\",\"1A2B\",7", .home),
        ("+CREG: 0,2", .searching),
        ("+CREG: 0,3", .denied),
        ("+CREG: 1", .home),
        ("+CREG: 1,\"00C3\",\"1A2B\"", .home),
        ("+CREG: 0,9", nil),
        ("+CSQ: 1,1", nil),
    ]

    @Test(arguments: registration)
    func creg(_ line: String, _ expected: RegistrationStatus?) {
        #expect(RegistrationStatus.parse(line) == expected)
    }

    static let signal: [(String, Int?, Int?)] = [
        ("+CSQ: 17,99", 17, -79),
        ("+CSQ: 31,0", 31, -51),
        ("+CSQ: 0,99", 0, -113),
        ("+CSQ: 99,99", nil, nil),
        ("^RSSI: 12", 12, -89),
    ]

    @Test(arguments: signal)
    func csq(_ line: String, _ rssi: Int?, _ dBm: Int?) {
        let quality = SignalQuality.parse(line)
        #expect(quality != nil)
        #expect(quality?.rssi == rssi)
        #expect(quality?.dBm == dBm)
    }

    static let operators: [(String, String?)] = [
        ("+COPS: 0,0,\"Vodafone IN\",2", "Vodafone IN"),
        ("+COPS: 0,0,\"AirTel\"", "AirTel"),
        ("+COPS: 0,2,\"40445\",7", "40445"),
        ("+COPS: 0", nil),
        ("+COPS: 0,0,\"\",0", nil),
    ]

    @Test(arguments: operators)
    func cops(_ line: String, _ expected: String?) {
        #expect(OperatorParser.parse(line) == expected)
    }

    static let sim: [(String, SIMState?)] = [
        ("+CPIN: READY", .ready),
        ("+CPIN: SIM PIN", .pinRequired),
        ("+CPIN: SIM PUK", .pukRequired),
        ("+CPIN: NOT INSERTED", .missing),
        ("+CPIN: PH-NET PIN", .failure("PH-NET PIN")),
        ("+CSQ: 1,1", nil),
    ]

    @Test(arguments: sim)
    func cpin(_ line: String, _ expected: SIMState?) {
        #expect(SIMState.parse(line) == expected)
    }

    @Test func cpinErrors() {
        #expect(SIMState.from(error: .cmeError(code: 10, text: "10")) == .missing)
        #expect(SIMState.from(error: .cmeError(code: nil, text: "SIM not inserted")) == .missing)
        #expect(SIMState.from(error: .cmeError(code: 14, text: "14")) == .busy)
        #expect(SIMState.from(error: .cmeError(code: 13, text: "13")) == .failure("13"))
    }

    @Test func callList() {
        let lines = [
            "+CLCC: 1,1,4,0,0,\"+919920123456\",145",
            "+CLCC: 2,0,2,0,0,\"0612345678\",129,\"Bob\"",
            "+CLCC: 3,1,4,0,0,\"\",128",
            "+CLCC: garbage",
        ]
        let calls = CallListEntry.parseList(lines)
        #expect(calls.count == 3)
        #expect(calls[0] == CallListEntry(index: 1, direction: .incoming, status: .incoming, mode: 0, caller: .number("+919920123456", type: 145)))
        #expect(calls[0].isRingingIncoming)
        #expect(calls[1].direction == .outgoing && calls[1].status == .dialing && !calls[1].isRingingIncoming)
        #expect(calls[2].caller == .unavailable)
    }
}
