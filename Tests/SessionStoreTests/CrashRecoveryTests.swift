import Foundation
import SQLKit
import Testing

@testable import SessionStore

#if canImport(Glibc)
import Glibc
#endif

@Suite("Crash recovery")
struct CrashRecoveryTests {
    /// The helper executable sits beside the test bundle in the build folder.
    static func crashWriter() throws -> URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if folder.lastPathComponent == "Contents" || folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
        for candidate in [folder, folder.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("store-crash-writer")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw StoreError.notFound("store-crash-writer beside \(folder.path); build with `swift build --build-tests`")
    }

    @Test("kill -9 in the middle of writes: the file reopens consistent and usable")
    func killMidWork() async throws {
        let directory = try TestStore.temporaryDirectory()
        let path = directory.appendingPathComponent("missedcall.sqlite").path
        let process = Process()
        process.executableURL = try Self.crashWriter()
        process.arguments = [path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        // Wait for it to be busy writing, then kill it without warning.
        let ready = Task.detached { output.fileHandleForReading.availableData }
        let line = String(decoding: await ready.value, as: UTF8.self)
        #expect(line.contains("ready"))
        try await Task.sleep(for: .milliseconds(300))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        let test = try await TestStore.make(directory: directory)
        let db = test.store.writer
        let integrity = try await db.raw("PRAGMA integrity_check").first()?.decode(column: "integrity_check", as: String.self)
        #expect(integrity == "ok")
        func count(_ sql: SQLQueryString) async throws -> Int {
            try await db.raw(sql).first()?.decode(column: "n", as: Int.self) ?? -1
        }
        let sessions = try await count("SELECT COUNT(*) AS n FROM sessions")
        #expect(sessions >= 200)
        // Quota usage and sessions were committed together.
        #expect(try await count("SELECT COALESCE(SUM(sessions), 0) AS n FROM passkey_usage") == sessions)
        // Every verification has its call record and both notifications, and nothing else has.
        let verified = try await count("SELECT COUNT(*) AS n FROM sessions WHERE status = 'verified'")
        #expect(verified > 0)
        #expect(try await count("SELECT COUNT(*) AS n FROM missed_calls WHERE result = 'verified'") == verified)
        #expect(
            try await count(
                """
                SELECT COUNT(*) AS n FROM sessions s JOIN missed_calls c ON c.session_sid = s.sid AND c.result = 'verified'
                WHERE s.status = 'verified' AND s.call_id = c.id
                """
            ) == verified
        )
        #expect(try await count("SELECT COUNT(*) AS n FROM outbox") == 2 * verified)
        // And it still works.
        let key = try await test.passkey()
        let session = try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: "9920123456"))
        let outcome = try await test.store.recordCall(
            IncomingCallRecord(
                dialedNumber: session.dialingNumber,
                callerAsPresented: "+919920123456",
                callerType: 145,
                receivedAt: session.createdAt
            )
        )
        #expect(outcome.call.result == .verified)
        await test.close()
    }
}
