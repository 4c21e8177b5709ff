import Foundation
import Testing

@testable import Gateway

@Suite("Number intelligence")
struct PrefixIntelligenceTests {
    @Test("operator and type from the generated libphonenumber data")
    func generated() throws {
        let intelligence = try PrefixIntelligence()
        let vodafone = intelligence.facts(for: "+919920123456")
        #expect(vodafone.operatorName == "Vodafone" && vodafone.numberType == "Mobile")
        #expect(vodafone.circle == "Unknown" && vodafone.dndStatus == "Unknown")
        #expect(intelligence.facts(for: "+914466949401").numberType == "Fixed")
        #expect(intelligence.facts(for: "+18005550123").numberType == "TollFree")
        #expect(intelligence.facts(for: "+447912345678").numberType == "Mobile")
        // 07700 900xxx is reserved for drama: no type.
        #expect(intelligence.facts(for: "+447700900123").numberType == "Unknown")
        #expect(intelligence.facts(for: "+390612345678").numberType == "Fixed")
        #expect(intelligence.facts(for: "+33612345678") == .unknown)
    }

    @Test("the admin's circles and corrections win; a DND list answers Yes or No")
    func adminImports() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("intel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let prefixes = folder.appendingPathComponent("prefixes.csv").path
        try "prefix,operator,circle,type\n919920,,Mumbai,\n9198765,Jio,Karnataka,Mobile\n".write(toFile: prefixes, atomically: true, encoding: .utf8)
        let dnd = folder.appendingPathComponent("dnd.csv").path
        try "919920123456\n919876543210,no\n".write(toFile: dnd, atomically: true, encoding: .utf8)
        let intelligence = try PrefixIntelligence(adminPrefixesCSV: prefixes, dndCSV: dnd)
        let mumbai = intelligence.facts(for: "+919920123456")
        #expect(mumbai.operatorName == "Vodafone" && mumbai.circle == "Mumbai" && mumbai.dndStatus == "Yes")
        let jio = intelligence.facts(for: "+919876543210")
        #expect(jio.operatorName == "Jio" && jio.circle == "Karnataka" && jio.dndStatus == "No")
    }
}
