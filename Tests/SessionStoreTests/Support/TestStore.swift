import Foundation
import Logging
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

/// A real SQLite file in a fresh temporary folder, with a passkey and a pool.
struct TestStore {
    let directory: URL
    let path: String
    let store: SQLGatewayStore
    let clock: TestClock

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("missedcall-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func make(
        settings: StoreSettings = StoreSettings(),
        clock: TestClock = TestClock(),
        directory: URL? = nil,
        checkpointsInBackground: Bool = true
    ) async throws -> TestStore {
        let directory = try directory ?? temporaryDirectory()
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

    func close() async {
        await store.close()
        try? FileManager.default.removeItem(at: directory)
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
