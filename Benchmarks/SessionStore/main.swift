import Foundation
import Logging
import SessionStore

// SessionStore benchmark on a real SQLite file with durable commits (WAL, synchronous=FULL):
//   scripts/bench-store [sessions] [concurrency]
// 1. creates `sessions` verification sessions (default 1,000,000) from `concurrency` concurrent
//    callers (default 256), all left pending, and prints sessions created per second;
// 2. with them all live, matches calls: the lookup alone (the read that finds the session) and a
//    whole durable recordCall (lookup, verify, call record, outbox, commit), p50/p99;
// 3. prints the file size.
let arguments = CommandLine.arguments.dropFirst()
let total = arguments.first.flatMap(Int.init) ?? 1_000_000
let concurrency = arguments.dropFirst().first.flatMap(Int.init) ?? 256

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    return sorted[max(0, min(sorted.count - 1, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1))]
}

func run() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("missedcall-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("missedcall.sqlite").path
    var settings = StoreSettings()
    settings.sessionLifetime = .seconds(86_400)  // keep every session live for the matching phase
    settings.sessionsPerIPPerMinute = .max
    var logger = Logger(label: "bench")
    logger.logLevel = .error
    let store = try await SQLiteStore.open(path: path, settings: settings, logger: logger)
    let key = try await store.createPasskey(NewPasskey(label: "bench", dailyQuota: .max, ratePerMinute: .max))
    var numbers: [PhoneNumber] = []
    for index in 0..<50 {
        let number = try PhoneNumberNormalizer.normalize("44669494\(String(format: "%02d", index))", country: .IN)
        try await store.addDialingNumber(DialingNumber(number: number, country: .IN, purpose: .verification, modemIMEI: "1", online: true))
        numbers.append(number)
    }

    print("SessionStore benchmark: \(total) sessions, \(concurrency) concurrent callers, SQLite WAL synchronous=FULL")
    let perWorker = total / concurrency
    let started = ContinuousClock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
        for worker in 0..<concurrency {
            group.addTask {
                for index in 0..<perWorker {
                    let mobile = String(6_000_000_000 + worker * perWorker + index)
                    _ = try await store.createSession(NewSession(passkey: key.token.canonical, mobile: mobile, notifyURL: "https://example.com/h"))
                }
            }
        }
        try await group.waitForAll()
    }
    let elapsed = ContinuousClock.now - started
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let created = perWorker * concurrency
    print(String(format: "  sessions created: %d in %.1f s = %.0f sessions/s (durable commits)", created, seconds, Double(created) / seconds))

    // Matching with every session live.
    let samples = 2000
    var lookups: [Double] = []
    var records: [Double] = []
    for _ in 0..<samples {
        let index = Int.random(in: 0..<created)
        let mobile = try PhoneNumberNormalizer.normalize(String(6_000_000_000 + index), country: .IN)
        let lookupStart = ContinuousClock.now
        guard let session = try await store.pendingSession(mobile: mobile, at: Date()) else { continue }
        lookups.append(Double((ContinuousClock.now - lookupStart).components.attoseconds) / 1e12)
        let recordStart = ContinuousClock.now
        let outcome = try await store.recordCall(
            IncomingCallRecord(
                dialedNumber: session.dialingNumber,
                callerAsPresented: mobile.e164,
                callerType: 145,
                receivedAt: Date()
            )
        )
        records.append(Double((ContinuousClock.now - recordStart).components.attoseconds) / 1e12)
        precondition(outcome.call.result == .verified, "call did not verify: \(outcome.call.result)")
    }
    lookups.sort()
    records.sort()
    print(
        String(format: "  match lookup among %d live sessions: p50 %.0f µs  p99 %.0f µs", created, percentile(lookups, 50), percentile(lookups, 99))
    )
    print(
        String(
            format: "  recordCall (lookup + verify + call + outbox, durable commit): p50 %.0f µs  p99 %.0f µs",
            percentile(records, 50),
            percentile(records, 99)
        )
    )
    await store.close()
    let size = { (suffix: String) in ((try? FileManager.default.attributesOfItem(atPath: path + suffix)[.size] as? Int) ?? 0) }
    print(String(format: "  file size: %.1f MiB (+ %.1f MiB WAL)", Double(size("")) / 1_048_576, Double(size("-wal")) / 1_048_576))
}

try await run()
