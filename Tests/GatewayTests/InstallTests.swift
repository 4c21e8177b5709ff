import Foundation
import Testing

/// `make install DESTDIR=...` with the test build, the layout, the unit (systemd-analyze verify),
/// and the installed daemon started with the installed default configuration in simulate mode.
@Suite("Install layout", .timeLimit(.minutes(3)))
struct InstallTests {
    @Test func installIntoDestdir() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let destination = FileManager.default.temporaryDirectory.appendingPathComponent("destdir-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: destination) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [root.appendingPathComponent("scripts/test-install").path, destination.path]
        var environment = ProcessInfo.processInfo.environment
        environment["CONFIGURATION"] = "debug"
        environment["SKIP_BUILD"] = "1"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("stopped cleanly") && text.contains("kept the configuration"), "\(text)")
    }
}
