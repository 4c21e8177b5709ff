import Foundation
import Logging
import SessionStore

// Writes sessions and verifying calls as fast as it can until it is killed; the crash test kills
// it with SIGKILL mid-work and checks the file it leaves. Usage: store-crash-writer PATH
guard CommandLine.arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: store-crash-writer PATH\n".utf8))
    exit(2)
}
var logger = Logger(label: "crash-writer")
logger.logLevel = .critical
let store = try await SQLiteStore.open(path: CommandLine.arguments[1], logger: logger)
let key = try await store.createPasskey(NewPasskey(label: "crash", dailyQuota: 10_000_000, ratePerMinute: 10_000_000))
var numbers: [PhoneNumber] = []
for index in 0..<20 {
    let number = try PhoneNumberNormalizer.normalize("44669494\(String(format: "%02d", index))", country: .IN)
    try await store.addDialingNumber(DialingNumber(number: number, country: .IN, purpose: .verification, modemIMEI: "1", online: true))
    numbers.append(number)
}
let counter = Counter()
await withTaskGroup(of: Void.self) { group in
    for worker in 0..<32 {
        group.addTask {
            var sequence = 0
            while true {
                sequence += 1
                let mobile = "9\(String(format: "%02d", worker))\(String(format: "%07d", sequence))"
                guard
                    let session = try? await store.createSession(
                        NewSession(
                            passkey: key.token.canonical,
                            mobile: mobile,
                            notifyURL: "https://example.com/hook",
                            email: "ops@example.com"
                        )
                    )
                else { continue }
                _ = try? await store.recordCall(
                    IncomingCallRecord(
                        dialedNumber: session.dialingNumber,
                        callerAsPresented: session.mobile.e164,
                        callerType: 145,
                        receivedAt: session.createdAt
                    )
                )
                if counter.increment() == 200 { FileHandle.standardOutput.write(Data("ready\n".utf8)) }
            }
        }
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
