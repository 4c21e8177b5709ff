import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import SQLKit
import SQLiteKit
import VaporCSQLite

/// One SQLite connection driven through the C API of the SQLite that sqlite-nio bundles, for
/// sql-kit. Statements run on the calling thread under a lock, with prepared statements cached:
/// no thread-pool job and no event-loop hop per statement or per row, which is what limited the
/// store (measured: docs/architecture/session-store.md). A statement takes microseconds; a commit
/// takes one fsync.
final class DirectSQLiteDatabase: SQLDatabase, @unchecked Sendable {
    let logger: Logger
    let eventLoop: any EventLoop
    var dialect: any SQLDialect { SQLiteDialect() }
    var queryLogLevel: Logger.Level? { nil }

    /// Guards `handle` and `cache`: SQLite's connection is used by one thread at a time.
    private let lock = NIOLock()
    private var handle: OpaquePointer?
    private var cache: [String: OpaquePointer] = [:]
    private let encoder = SQLiteDataEncoder()

    /// Statements cached per connection; past this the cache is emptied (queries with `IN` lists of
    /// varying length each have their own text).
    private static let cacheLimit = 256

    init(path: String, logger: Logger, eventLoop: any EventLoop) throws {
        self.logger = logger
        self.eventLoop = eventLoop
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let status = sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil)
        guard status == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite_nio_sqlite3_close(handle)
            throw DirectSQLiteError(code: status, message: "cannot open \(path): \(message)")
        }
        sqlite_nio_sqlite3_extended_result_codes(handle, 1)
        self.handle = handle
    }

    deinit {
        close()
    }

    func close() {
        lock.withLock {
            for statement in cache.values { sqlite_nio_sqlite3_finalize(statement) }
            cache.removeAll()
            if let handle { sqlite_nio_sqlite3_close_v2(handle) }
            handle = nil
        }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        do {
            try run(query, onRow)
            return eventLoop.makeSucceededVoidFuture()
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try run(query, onRow)
    }

    private func run(_ query: any SQLExpression, _ onRow: (any SQLRow) -> Void) throws {
        let (sql, binds) = serialize(query)
        let values = try binds.map { try Self.data(for: $0, encoder: encoder) }
        let rows = try lock.withLock { try step(sql, values) }
        for row in rows { onRow(row) }
    }

    /// Prepares (or reuses), binds and steps one statement; returns its rows. Called under the lock.
    private func step(_ sql: String, _ values: [SQLiteData]) throws -> [DirectSQLiteRow] {
        guard let handle else { throw DirectSQLiteError(code: SQLITE_MISUSE, message: "the connection is closed") }
        let statement = try prepared(sql, handle)
        defer {
            sqlite_nio_sqlite3_reset(statement)
            sqlite_nio_sqlite3_clear_bindings(statement)
        }
        for (index, value) in values.enumerated() {
            let position = Int32(index + 1)
            let status: Int32
            switch value {
            case .integer(let integer): status = sqlite_nio_sqlite3_bind_int64(statement, position, Int64(integer))
            case .float(let double): status = sqlite_nio_sqlite3_bind_double(statement, position, double)
            case .text(let text): status = sqlite_nio_sqlite3_bind_text(statement, position, text, -1, Self.transient)
            case .blob(let buffer):
                status = buffer.withUnsafeReadableBytes {
                    sqlite_nio_sqlite3_bind_blob(statement, position, $0.baseAddress, Int32($0.count), Self.transient)
                }
            case .null: status = sqlite_nio_sqlite3_bind_null(statement, position)
            }
            guard status == SQLITE_OK else { throw error(status, handle) }
        }
        let count = sqlite_nio_sqlite3_column_count(statement)
        var columns: [String] = []
        columns.reserveCapacity(Int(count))
        for index in 0..<count { columns.append(String(cString: sqlite_nio_sqlite3_column_name(statement, index))) }
        var rows: [DirectSQLiteRow] = []
        let names = DirectSQLiteRow.Columns(names: columns)
        while true {
            let status = sqlite_nio_sqlite3_step(statement)
            if status == SQLITE_DONE { return rows }
            guard status == SQLITE_ROW else { throw error(status, handle) }
            var values: [SQLiteData] = []
            values.reserveCapacity(Int(count))
            for index in 0..<count { values.append(Self.column(statement, index)) }
            rows.append(DirectSQLiteRow(columns: names, values: values))
        }
    }

    private func prepared(_ sql: String, _ handle: OpaquePointer) throws -> OpaquePointer {
        if let statement = cache[sql] { return statement }
        if cache.count >= Self.cacheLimit {
            for statement in cache.values { sqlite_nio_sqlite3_finalize(statement) }
            cache.removeAll()
        }
        var statement: OpaquePointer?
        let status = sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard status == SQLITE_OK, let statement else { throw error(status, handle) }
        cache[sql] = statement
        return statement
    }

    private static func column(_ statement: OpaquePointer, _ index: Int32) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER: return .integer(Int(sqlite_nio_sqlite3_column_int64(statement, index)))
        case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(statement, index))
        case SQLITE_TEXT:
            guard let text = sqlite_nio_sqlite3_column_text(statement, index) else { return .text("") }
            return .text(String(cString: text))
        case SQLITE_BLOB:
            let length = Int(sqlite_nio_sqlite3_column_bytes(statement, index))
            var buffer = ByteBufferAllocator().buffer(capacity: length)
            if let bytes = sqlite_nio_sqlite3_column_blob(statement, index), length > 0 {
                buffer.writeBytes(UnsafeRawBufferPointer(start: bytes, count: length))
            }
            return .blob(buffer)
        default: return .null
        }
    }

    /// The common bind types directly; anything else through sqlite-kit's encoder.
    private static func data(for bind: any Encodable, encoder: SQLiteDataEncoder) throws -> SQLiteData {
        switch bind {
        case let text as String: return .text(text)
        case let integer as Int: return .integer(integer)
        case let integer as Int64: return .integer(Int(integer))
        case let double as Double: return .float(double)
        case let flag as Bool: return .integer(flag ? 1 : 0)
        default: return try encoder.encode(bind)
        }
    }

    private func error(_ status: Int32, _ handle: OpaquePointer) -> DirectSQLiteError {
        DirectSQLiteError(code: status, message: String(cString: sqlite_nio_sqlite3_errmsg(handle)))
    }

    /// `SQLITE_TRANSIENT`: SQLite copies the bound bytes before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

/// A failed SQLite call: its result code and SQLite's message.
struct DirectSQLiteError: Error, CustomStringConvertible {
    var code: Int32
    var message: String
    var description: String { "SQLite error \(code): \(message)" }
}

/// One result row, its values already read out of the statement.
struct DirectSQLiteRow: SQLRow, Sendable {
    /// Column names shared by every row of one result, with their positions.
    final class Columns: Sendable {
        let names: [String]
        let positions: [String: Int]

        init(names: [String]) {
            self.names = names
            var positions: [String: Int] = [:]
            for (index, name) in names.enumerated() where positions[name] == nil { positions[name] = index }
            self.positions = positions
        }
    }

    let columns: Columns
    let values: [SQLiteData]

    var allColumns: [String] { columns.names }

    func contains(column: String) -> Bool { columns.positions[column] != nil }

    func decodeNil(column: String) throws -> Bool {
        guard let index = columns.positions[column] else { return true }
        return values[index] == .null
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let index = columns.positions[column] else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "no column \(column) in \(columns.names)"))
        }
        let value = values[index]
        // The common column types directly; anything else through sqlite-kit's decoder.
        switch value {
        case .text(let text): if let decoded = text as? D { return decoded }
        case .integer(let integer):
            if let decoded = integer as? D { return decoded }
            if let decoded = Int64(integer) as? D { return decoded }
        case .float(let double): if let decoded = double as? D { return decoded }
        default: break
        }
        return try SQLiteDataDecoder().decode(D.self, from: value)
    }
}
