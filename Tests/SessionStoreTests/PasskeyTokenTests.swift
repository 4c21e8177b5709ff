import Foundation
import Testing

@testable import SessionStore

@Suite("PasskeyToken")
struct PasskeyTokenTests {
    @Test func acceptsTheOriginalFormats() throws {
        // The reference's own example, letters outside hex included.
        let original = try #require(PasskeyToken("RA$63AF2BAE-A1f2-11S2-B32F-36F93F4SCB0G"))
        #expect(original.canonical == "RA$63AF2BAE-A1F2-11S2-B32F-36F93F4SCB0G")
        let dashed = try #require(PasskeyToken("RA-63AF2BAE-A1F2-11S2-B32F-36F93F4SCB0G"))
        #expect(dashed == original)
        #expect(dashed.hash == original.hash)
        #expect(original.hash.count == 64)
    }

    @Test(arguments: [
        "", "RA$", "XX$63AF2BAE-A1F2-11S2-B32F-36F93F4SCB0G", "RA$63AF2BAE-A1F2-11S2-B32F-36F93F4SCB0", "RA$63AF2BAE_A1F2-11S2-B32F-36F93F4SCB0G",
        "RA$63AF2BAE-A1F2-11S2-B32F-36F93F4SC'0G",
    ])
    func rejectsOtherShapes(_ text: String) {
        #expect(PasskeyToken(text) == nil)
    }

    @Test func generatedKeysAreCanonicalAndDistinct() {
        let first = PasskeyToken.generate()
        let second = PasskeyToken.generate()
        #expect(first != second)
        #expect(PasskeyToken(first.canonical) == first)
        let early = SessionID.generate(now: Date(timeIntervalSince1970: 1_795_000_000))
        let late = SessionID.generate(now: Date(timeIntervalSince1970: 1_795_000_001))
        #expect(early.hasPrefix("RA$") && early.count == 39 && early == early.uppercased())
        #expect(early < late)  // time-ordered
        #expect(SessionID.canonical(early.lowercased()) == early)
        let groups = early.dropFirst(3).split(separator: "-").map(\.count)
        #expect(groups == [8, 4, 4, 4, 12] && Array(early)[17] == "7", "UUIDv7 layout: \(early)")
        #expect(Set((0..<1000).map { _ in SessionID.generate() }).count == 1000)
    }
}
