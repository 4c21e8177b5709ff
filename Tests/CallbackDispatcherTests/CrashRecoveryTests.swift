import CallbackDispatcher
import Foundation
import LoopbackReceivers
import SessionStore
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Dispatcher crash recovery", .timeLimit(.minutes(2)))
struct DispatcherCrashRecoveryTests {
    static func worker(_ path: String, lease: Int) throws -> Process {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
        let executable = [folder, folder.deletingLastPathComponent()].map { $0.appendingPathComponent("dispatch-worker") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
        let built = try #require(executable, "dispatch-worker not built; run `swift build --build-tests`")
        let process = Process()
        process.executableURL = built
        process.arguments = [path, String(lease)]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test("kill -9 with 1,000 jobs pending, restart: all 1,000 delivered, none lost")
    func killAndRestart() async throws {
        let receiver = try await HTTPReceiver.start { _, _ in .init(status: 200, delay: .milliseconds(5)) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("db.sqlite").path
        let store = try await SQLiteStore.open(path: path, logger: DispatcherHarness.logger())
        let event = CallEvent(
            kind: .listener,
            sid: nil,
            caller: "+919920123456",
            dialedNumber: "+914466949401",
            transactionTime: Date(),
            callTime: Date(),
            country: "IN",
            passkeyID: nil
        )
        var ids: Set<String> = []
        for index in 0..<1000 {
            let job = try await store.enqueue(
                NewOutboxJob(kind: .webhook, target: "http://127.0.0.1:\(receiver.port)/job/\(index)", payload: event.json())
            )
            ids.insert(job.id)
        }
        let first = try Self.worker(path, lease: 2)
        #expect(await receiver.wait(forCount: 150, timeout: .seconds(30)))
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        let beforeRestart = Set(receiver.requests.compactMap { $0.header("X-Missedcall-Event-Id") })
        #expect(beforeRestart.count < 1000, "the kill came too late to test anything")

        let second = try Self.worker(path, lease: 2)
        defer {
            kill(second.processIdentifier, SIGKILL)
            second.waitUntilExit()
        }
        let deadline = ContinuousClock.now + .seconds(60)
        var delivered = 0
        while ContinuousClock.now < deadline {
            delivered = try await store.jobs(state: .delivered, limit: 2000).count
            if delivered == 1000 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(delivered == 1000)
        let received = Set(receiver.requests.compactMap { $0.header("X-Missedcall-Event-Id") })
        #expect(received == ids)
        await store.close()
        await receiver.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}
