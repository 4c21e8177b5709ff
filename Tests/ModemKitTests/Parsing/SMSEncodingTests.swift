import Testing

@testable import ModemKit

@Suite("SMSEncoding")
struct SMSEncodingTests {
    @Test func choosesIRAForPlainText() {
        #expect(SMSEncoding.choose(for: "Your missedcall API key: RA$63AF2BAE-A1F2") == .ira)
        #expect(SMSEncoding.choose(for: "line one\nline two") == .ira)
    }

    @Test func choosesUCS2OutsideGSM7() {
        #expect(SMSEncoding.choose(for: "नमस्ते") == .ucs2)
        #expect(SMSEncoding.choose(for: "café") == .ucs2)
        #expect(SMSEncoding.choose(for: "code `x`") == .ucs2)
    }

    @Test func ucs2IsUTF16BigEndianHex() {
        #expect(SMSEncoding.ucs2.encode("A€") == "004120AC")
        #expect(SMSEncoding.ucs2.encode("+9199") == "002B0039003100390039")
        #expect(SMSEncoding.ucs2.length(of: "😀") == 2)
    }
}
