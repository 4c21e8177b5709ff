import Testing

@testable import ModemKit

@Suite("ATLineFramer")
struct ATLineFramerTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var input: String
        var frames: [ATFrame]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "CRLF", input: "\r\nOK\r\n", frames: [.line("OK")]),
        Case(
            name: "CR CR LF (ZTE, some Huawei firmware)",
            input: "\r\r\n+CSQ: 17,99\r\r\n\r\r\nOK\r\r\n",
            frames: [.line("+CSQ: 17,99"), .line("OK")]
        ),
        Case(name: "lone LF", input: "RING\n+CLIP: \"+919920123456\",145\n", frames: [.line("RING"), .line("+CLIP: \"+919920123456\",145")]),
        Case(name: "lone CR", input: "OK\r", frames: [.line("OK")]),
        Case(name: "echo before reply", input: "AT+CSQ\r\r\n+CSQ: 5,99\r\n\r\nOK\r\n", frames: [.line("AT+CSQ"), .line("+CSQ: 5,99"), .line("OK")]),
        Case(name: "SMS prompt without line ending", input: "\r\n> ", frames: [.prompt]),
        Case(name: "blank lines skipped", input: "\r\n\r\n\n\r\r\nOK\r\n", frames: [.line("OK")]),
        Case(name: "NULs and padding stripped", input: "\0\0  OK \r\n", frames: [.line("OK")]),
        Case(name: "partial line kept for later", input: "\r\nRIN", frames: []),
    ]

    @Test(arguments: cases)
    func frames(_ testCase: Case) {
        var framer = ATLineFramer()
        #expect(framer.append(Array(testCase.input.utf8)) == testCase.frames)
    }

    @Test("bytes split anywhere give the same frames")
    func splitAnywhere() {
        let input = Array("\r\nRING\r\n\r\n+CLIP: \"+919920123456\",145,\"\",0,\"\",0\r\n\r\r\nOK\r\n\r\n> ".utf8)
        var whole = ATLineFramer()
        let expected = whole.append(input)
        for split in 0...input.count {
            var framer = ATLineFramer()
            let frames = framer.append(input[..<split]) + framer.append(input[split...])
            #expect(frames == expected, "split at \(split)")
        }
        var byteByByte = ATLineFramer()
        #expect(input.flatMap { byteByByte.append([$0]) } == expected)
    }

    @Test("an over-long run of noise is dropped, the next line survives")
    func overlongLine() {
        var framer = ATLineFramer(maxLineLength: 64)
        let noise = [UInt8](repeating: 0x41, count: 1000)
        #expect(framer.append(noise).isEmpty)
        #expect(framer.append(Array("\r\nOK\r\n".utf8)) == [.line("OK")])
        #expect(framer.discardedLines == 1)
    }

    @Test("invalid UTF-8 does not crash and is decoded with replacement")
    func invalidUTF8() {
        var framer = ATLineFramer()
        let frames = framer.append([0xFF, 0xFE, 0x4F, 0x4B, 0x0D, 0x0A])
        #expect(frames.count == 1)
    }
}
