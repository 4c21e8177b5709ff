import Foundation
import Logging
import SessionStore
import Synchronization

/// Delivers the outbox: claims due jobs (leases, so several workers and a crashed one are safe),
/// runs them concurrently within overall and per-host limits, records every attempt, and retries
/// on the schedule until delivered, stopped, or dead. It never blocks the modems or the API: they
/// only write outbox rows and call `wake()`.
public final class CallbackDispatcher: Sendable {
    let store: any GatewayStore
    let settings: DispatcherSettings
    let webhook: WebhookSender?
    let email: (any EmailSending)?
    let emailFormat: MissedCallEmail?
    let sms: (any SMSSending)?
    public let intelligence: any NumberIntelligence
    let logger: Logger
    let recorder: AttemptRecorder
    let hosts: HostLimiter
    let inFlight = Atomic<Int>(0)
    let stopping = Atomic<Bool>(false)
    let counters = Mutex<[String: Int]>([:])
    private let signals: AsyncStream<Void>
    private let signal: AsyncStream<Void>.Continuation

    public init(
        store: any GatewayStore, settings: DispatcherSettings = DispatcherSettings(), webhook: WebhookSender?,
        email: (any EmailSending)? = nil, emailFormat: MissedCallEmail? = nil, sms: (any SMSSending)? = nil,
        intelligence: any NumberIntelligence = NoNumberIntelligence(), logger: Logger = Logger(label: "missedcall.dispatcher")
    ) {
        self.store = store
        self.settings = settings
        self.webhook = webhook
        self.email = email
        self.emailFormat = emailFormat
        self.sms = sms
        self.intelligence = intelligence
        self.logger = logger
        self.recorder = AttemptRecorder(store: store, logger: logger)
        self.hosts = HostLimiter(limit: settings.maxPerHost)
        (signals, signal) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Look for due jobs now (a call was just recorded).
    public func wake() {
        signal.yield()
    }

    /// Stops claiming; `run()` returns once the deliveries in flight are finished and recorded.
    public func stop() {
        stopping.store(true, ordering: .relaxed)
        signal.finish()
    }

    /// Outcome counts since start (`delivered`, `retry`, `dead`, `stopped`), for metrics.
    public var outcomeCounts: [String: Int] { counters.withLock { $0 } }

    public func run() async {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.tick() }
            group.addTask { await self.flushLoop() }
            signal.yield()
            for await _ in signals {
                if stopping.load(ordering: .relaxed) { break }
                await claimAndStart(in: &group)
            }
            stopping.store(true, ordering: .relaxed)
        }
        await recorder.flush(limit: .max)
    }

    private func claimAndStart(in group: inout DiscardingTaskGroup) async {
        while !stopping.load(ordering: .relaxed) {
            let free = settings.maxConcurrent - inFlight.load(ordering: .relaxed)
            guard free > 0 else { return }
            let limit = min(free, 128)
            let now = Date()
            let jobs: [OutboxJob]
            do {
                jobs = try await store.claimJobs(
                    limit: limit, worker: settings.workerID, leaseUntil: now.addingTimeInterval(Double(settings.lease.components.seconds)), now: now)
            } catch {
                logger.error("claiming outbox jobs failed", metadata: ["error": "\(error)"])
                return
            }
            for job in jobs {
                inFlight.add(1, ordering: .relaxed)
                group.addTask {
                    await self.process(job)
                    self.inFlight.subtract(1, ordering: .relaxed)
                    self.signal.yield()
                }
            }
            if jobs.count < limit { return }
        }
    }

    private func tick() async {
        while !stopping.load(ordering: .relaxed) {
            try? await Task.sleep(for: settings.pollInterval)
            signal.yield()
        }
    }

    private func flushLoop() async {
        while !stopping.load(ordering: .relaxed) || inFlight.load(ordering: .relaxed) > 0 {
            try? await Task.sleep(for: settings.flushInterval)
            await recorder.flush(limit: settings.flushBatch)
        }
    }

    func count(_ outcome: String) {
        counters.withLock { $0[outcome, default: 0] += 1 }
    }
}
