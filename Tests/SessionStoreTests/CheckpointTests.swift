import Foundation
import SessionStore
import Testing

@Suite("WAL checkpoints")
struct CheckpointTests {
    @Test(
        "committed writes reach the database file while the store is open (the checkpointer runs, not the writer), on its own task or as its host's service",
        arguments: [true, false]
    )
    func checkpointerCopiesTheLog(inBackground: Bool) async throws {
        let test = try await TestStore.make(checkpointsInBackground: inBackground)
        // A host runs the checkpoints as one of its services (missedcalld's CheckpointService).
        let service = inBackground ? nil : Task { await test.store.runCheckpoints() }
        defer {
            service?.cancel()
            Task { await test.close() }
        }
        _ = try await test.addNumbers(["04466949401", "04466949402"])
        let key = try await test.passkey()
        let size = { ((try? FileManager.default.attributesOfItem(atPath: test.path)[.size] as? Int) ?? 0) }
        try await Task.sleep(for: .seconds(1))
        let before = size()
        // Far fewer pages than SQLite's own 1000-page automatic checkpoint would wait for.
        for index in 0..<200 {
            _ = try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: String(9_900_000_000 + index)))
        }
        var after = size()
        let deadline = ContinuousClock.now + .seconds(5)
        while after <= before, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
            after = size()
        }
        #expect(after > before, "the database file grew from \(before) bytes: the log was copied back")
    }
}
