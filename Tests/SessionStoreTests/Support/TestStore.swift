import Foundation
import Logging
import NIOPosix
import SessionStore
import Synchronization
import Testing

/// A clock tests move by hand.
final class TestClock: Sendable {
    private let current: Mutex<Date>
    init(_ start: Date = Date(timeIntervalSince1970: 1_795_000_000)) { current = Mutex(start) }
    var now: Date { current.withLock { $0 } }
    func advance(_ seconds: Double) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// The store's engines the rule tests run on: SQLite always; PostgreSQL when
/// `TEST_POSTGRES_URL` names a server (`scripts/test` starts one; CI always has it).
enum TestEngine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgresql

    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static var available: [TestEngine] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgresql] }

    var testDescription: String { rawValue }
}

/// A throwaway schema of the test server: each store of each test has its own.
enum TestSchemas {
    static func connector(schema: String?) throws -> PostgresConnector {
        guard let url = TestEngine.postgresURL else { throw StoreError.invalidArgument("TEST_POSTGRES_URL is not set") }
        var logger = Logger(label: "test.pg")
        logger.logLevel = .critical
        return try PostgresConnector(url: url, schema: schema, eventLoop: MultiThreadedEventLoopGroup.singleton.any(), logger: logger)
    }

    static func create() async throws -> String {
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await TestSchemas.run("CREATE SCHEMA \(name)")
        return name
    }

    static func drop(_ name: String) async {
        try? await TestSchemas.run("DROP SCHEMA \(name) CASCADE")
    }

    static func run(_ sql: String) async throws {
        try await PostgresStore.execute(sql, connector: try connector(schema: nil))
    }
}

/// A real store in a fresh place (a SQLite file in a temporary folder, or a PostgreSQL schema),
/// with helpers for a passkey and a pool.
struct TestStore {
    let directory: URL
    let path: String
    let store: SQLGatewayStore
    let clock: TestClock
    var schema: String? = nil

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("missedcall-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func make(
        _ engine: TestEngine = .sqlite,
        settings: StoreSettings = StoreSettings(),
        clock: TestClock = TestClock(),
        directory: URL? = nil,
        checkpointsInBackground: Bool = true
    ) async throws -> TestStore {
        let directory = try directory ?? temporaryDirectory()
        if engine == .postgresql {
            let schema = try await TestSchemas.create()
            return try await TestStore(
                directory: directory,
                path: "",
                store: node(schema: schema, settings: settings, clock: clock),
                clock: clock,
                schema: schema
            )
        }
        let path = directory.appendingPathComponent("missedcall.sqlite").path
        var logger = Logger(label: "test.store")
        logger.logLevel = .critical
        let store = try await SQLiteStore.open(
            path: path,
            settings: settings,
            logger: logger,
            clock: { clock.now },
            checkpointsInBackground: checkpointsInBackground
        )
        return TestStore(directory: directory, path: path, store: store, clock: clock)
    }

    /// Another node's store on the same PostgreSQL schema (its own writer, its own decisions).
    static func node(schema: String, settings: StoreSettings = StoreSettings(), clock: TestClock) async throws -> SQLGatewayStore {
        var logger = Logger(label: "test.store")
        logger.logLevel = .critical
        return try await PostgresStore.open(
            connector: try TestSchemas.connector(schema: schema),
            settings: settings,
            logger: logger,
            clock: { clock.now }
        )
    }

    func close() async {
        await store.close()
        try? FileManager.default.removeItem(at: directory)
        if let schema { await TestSchemas.drop(schema) }
    }

    @discardableResult
    func addNumbers(
        _ numbers: [String],
        country: Country = .IN,
        purpose: NumberPurpose = .verification,
        online: Bool = true,
        imei: String = "861234567890123"
    ) async throws -> [PhoneNumber] {
        var added: [PhoneNumber] = []
        for text in numbers {
            let number = try PhoneNumberNormalizer.normalize(text, country: country)
            try await store.addDialingNumber(DialingNumber(number: number, country: country, purpose: purpose, modemIMEI: imei, online: online))
            added.append(number)
        }
        return added
    }

    func passkey(quota: Int = 1000, rate: Int = 100_000) async throws -> CreatedPasskey {
        try await store.createPasskey(NewPasskey(label: "test", dailyQuota: quota, ratePerMinute: rate))
    }
}

func phone(_ text: String, _ country: Country = .IN) -> PhoneNumber {
    (try? PhoneNumberNormalizer.normalize(text, country: country)) ?? PhoneNumber(e164: text, country: country)
}
