import CallbackDispatcher
import Foundation
import Logging
import SessionStore

// Runs a CallbackDispatcher on a store until killed; the crash test kills it with SIGKILL mid-work
// and starts it again. Usage: dispatch-worker STORE-PATH LEASE-SECONDS
let arguments = CommandLine.arguments
guard arguments.count == 3, let lease = Int(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: dispatch-worker STORE-PATH LEASE-SECONDS\n".utf8))
    exit(2)
}
var logger = Logger(label: "dispatch-worker")
logger.logLevel = .critical
let store = try await SQLiteStore.open(path: arguments[1], logger: logger)
let sender = WebhookSender(
    client: WebhookSender.makeClient(),
    policy: AddressPolicy(allowedNetworks: [IPNetwork("127.0.0.0/8")].compactMap { $0 }),
    timeout: .seconds(5)
)
let settings = DispatcherSettings(
    workerID: "worker-\(ProcessInfo.processInfo.processIdentifier)",
    maxConcurrent: 32,
    lease: .seconds(Int64(lease)),
    pollInterval: .milliseconds(50),
    schedule: RetrySchedule(delays: [.milliseconds(200)], thereafter: .milliseconds(200), jitter: 0)
)
let dispatcher = CallbackDispatcher(store: store, settings: settings, webhook: sender, logger: logger)
FileHandle.standardOutput.write(Data("ready\n".utf8))
await dispatcher.run()
