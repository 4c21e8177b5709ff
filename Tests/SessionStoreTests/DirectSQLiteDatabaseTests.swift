import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import Testing

@testable import SessionStore

@Suite("DirectSQLiteDatabase")
struct DirectSQLiteDatabaseTests {
    static func open() throws -> (DirectSQLiteDatabase, String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("direct-\(UUID().uuidString).sqlite").path
        return (try DirectSQLiteDatabase(path: path, logger: Logger(label: "test"), eventLoop: MultiThreadedEventLoopGroup.singleton.any()), path)
    }

    @Test("every SQLite type round-trips through binds and rows; NULL and missing columns are told apart")
    func roundTrip() async throws {
        let (database, path) = try Self.open()
        defer {
            database.close()
            unlink(path)
        }
        try await database.raw("CREATE TABLE t (i INTEGER, f REAL, s TEXT, b BLOB, n TEXT)").run()
        let bytes: [UInt8] = [0, 1, 2, 255]
        try await database.raw(
            "INSERT INTO t VALUES (\(bind: Int64.max), \(bind: 2.5), \(bind: "héllo ✓"), \(bind: Data(bytes)), \(bind: String?.none))"
        ).run()
        let row = try #require(try await database.raw("SELECT * FROM t").first())
        #expect(row.allColumns == ["i", "f", "s", "b", "n"])
        #expect(try row.decode(column: "i", as: Int64.self) == .max)
        #expect(try row.decode(column: "f", as: Double.self) == 2.5)
        #expect(try row.decode(column: "s", as: String.self) == "héllo ✓")
        #expect(try Array(row.decode(column: "b", as: Data.self)) == bytes)
        #expect(try row.decodeNil(column: "n") && row.decode(column: "n", as: String?.self) == nil)
        #expect(!row.contains(column: "missing"))
        #expect(throws: (any Error).self) { try row.decode(column: "missing", as: String.self) }
    }

    @Test("a cached statement runs again with new binds; more statements than the cache holds still work; errors carry SQLite's message")
    func cacheAndErrors() async throws {
        let (database, path) = try Self.open()
        defer {
            database.close()
            unlink(path)
        }
        try await database.raw("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)").run()
        for index in 0..<300 {
            try await database.raw("INSERT INTO t VALUES (\(bind: index), \(bind: "v\(index)"))").run()
            // A distinct text each time: more statements than the cache keeps.
            _ = try await database.raw(SQLQueryString("SELECT v FROM t WHERE k = \(unsafeRaw: String(index))")).all()
        }
        let rows = try await database.raw("SELECT v FROM t WHERE k IN (\(binds: [7, 299])) ORDER BY k").all()
        #expect(try rows.map { try $0.decode(column: "v", as: String.self) } == ["v7", "v299"])
        await #expect(throws: DirectSQLiteError.self) { try await database.raw("INSERT INTO t VALUES (7, 'again')").run() }
        do {
            try await database.raw("SELEC nonsense").run()
            Issue.record("a syntax error must throw")
        } catch let error as DirectSQLiteError {
            #expect(error.description.contains("syntax error"))
        }
        // The failed statements left the connection usable.
        #expect(try await database.raw("SELECT count(*) AS n FROM t").first()?.decode(column: "n", as: Int.self) == 300)
    }
}
