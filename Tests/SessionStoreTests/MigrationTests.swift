import Foundation
import SQLKit
import Testing

@testable import SessionStore

@Suite("Migrations")
struct MigrationTests {
    @Test("an empty file is brought to the latest schema")
    func fromEmpty() async throws {
        let test = try await TestStore.make()
        let version = try await Migrations.currentVersion(test.store.writer)
        #expect(version == Migrations.latestVersion && version >= 2)
        await test.close()
    }

    @Test("a file at the previous schema is upgraded with its data")
    func fromPrevious() async throws {
        let directory = try TestStore.temporaryDirectory()
        let path = directory.appendingPathComponent("missedcall.sqlite").path
        try await SQLiteStore.migrate(path: path, upTo: 1, now: Date())
        // Data written by the version-1 software, with its own SQL.
        let token = PasskeyToken.generate()
        try await withV1Connection(path) { db in
            try await db.raw(
                """
                INSERT INTO passkeys (id, key_hash, display_prefix, label, created_at, daily_quota, rate_per_minute, webhook_secret)
                VALUES ('k1', \(bind: token.hash), 'RA$0000', 'old', 0, 10, 10, 'secret')
                """
            ).run()
        }
        let test = try await TestStore.make(directory: directory)
        #expect(try await Migrations.currentVersion(test.store.writer) == Migrations.latestVersion)
        let record = try await test.store.authenticate(token.canonical)
        #expect(record.id == "k1" && record.webhookMethod == .get && record.previousWebhookSecret == nil)
        #expect(try await test.store.attempts(jobID: "x").isEmpty)  // the v2 table exists
        await test.close()
    }

    private func withV1Connection(_ path: String, _ body: @Sendable (any SQLDatabase) async throws -> Void) async throws {
        let connection = try await SQLiteStore.openWithoutMigrating(path: path)
        try await body(connection.database)
        await connection.close()
    }
}
