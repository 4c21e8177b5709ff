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
    let gate: Mutex<DestinationGate>
    let inFlight = Atomic<Int>(0)
    let stopping = Atomic<Bool>(false)
    let counters = Mutex<[String: Int]>([:])
    /// Told of every attempt (the daemon's metrics); set once, before `run`. In a struct: a bare
    /// closure in a `Mutex` gains two reabstraction thunks at every `withLock { $0 }`.
    let observer = Mutex<DeliveryObserver?>(nil)

    struct DeliveryObserver {
        let observe: @Sendable (DeliveryObservation) -> Void
    }

    public func setObserver(_ observe: @escaping @Sendable (DeliveryObservation) -> Void) {
        observer.withLock { $0 = DeliveryObserver(observe: observe) }
    }
    private let signals: AsyncStream<Void>
    private let signal: AsyncStream<Void>.Continuation

    public init(
        store: any GatewayStore,
        settings: DispatcherSettings = DispatcherSettings(),
        webhook: WebhookSender?,
        email: (any EmailSending)? = nil,
        emailFormat: MissedCallEmail? = nil,
        sms: (any SMSSending)? = nil,
        intelligence: any NumberIntelligence = NoNumberIntelligence(),
        logger: Logger = Logger(label: "missedcall.dispatcher")
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
        self.gate = Mutex(DestinationGate(settings: settings.destinationGate))
        (signals, signal) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Jobs the store wrote already claimed for this dispatcher (`SQLGatewayStore.inlineClaim`),
    /// waiting for the run loop to start them.
    private let handedOver = Mutex<[OutboxJob]>([])

    /// Delivers jobs the store claimed for this dispatcher as it wrote them, without a claim
    /// transaction: the webhook leaves one durable commit sooner. Jobs beyond the concurrency limit
    /// go back to pending for the next claim.
    public func deliver(claimed jobs: [OutboxJob]) {
        guard !jobs.isEmpty else { return }
        handedOver.withLock { $0 += jobs }
        signal.yield()
    }

    /// Look for due jobs now (a call was just recorded).
    public func wake() {
        signal.yield()
    }

    /// Stops claiming; `run()` returns once the deliveries in flight are finished and recorded.
    public func stop() {
        stopping.store(true, ordering: .relaxed)
        signal.finish()
        recorder.finish()
    }

    /// Destinations that are busy or failing, for `missedcallctl deliveries destinations` and
    /// metrics; healthy idle ones are not listed.
    public var destinations: [DestinationStatus] {
        gate.withLock { gate in
            gate.destinations.map { DestinationStatus(key: $0.key, $0.value) }.sorted { $0.destination < $1.destination }
        }
    }

    /// Where a job goes, as the gate counts it: a webhook's host and port, the SMTP relay, the modem
    /// line an SMS leaves from.
    static func destination(of job: OutboxJob) -> String {
        switch job.kind {
        case .webhook:
            guard let url = try? NotifyURL.parse(job.target) else { return "webhook:invalid" }
            return "webhook:\(url.host):\(url.port)"
        case .email:
            return "smtp"
        case .sms:
            let from = (try? JSONDecoder().decode(SMSJob.self, from: Data(job.payload.utf8)))?.from ?? "?"
            return "sms:\(from)"
        }
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
            recorder.finish()
        }
        await recorder.flush(limit: .max)
    }

    private func claimAndStart(in group: inout DiscardingTaskGroup) async {
        let handed = handedOver.withLock { jobs in
            defer { jobs.removeAll() }
            return jobs
        }
        if !handed.isEmpty {
            let free = max(0, settings.maxConcurrent - inFlight.load(ordering: .relaxed))
            await start(Array(handed.prefix(free)), now: Date(), in: &group)
            await postpone([Date(): handed.dropFirst(free).map(\.id)])
        }
        while !stopping.load(ordering: .relaxed) {
            let free = settings.maxConcurrent - inFlight.load(ordering: .relaxed)
            guard free > 0 else { return }
            let limit = min(free, 128)
            let now = Date()
            let jobs: [OutboxJob]
            do {
                jobs = try await store.claimJobs(
                    limit: limit,
                    worker: settings.workerID,
                    leaseUntil: now.addingTimeInterval(Double(settings.lease.components.seconds)),
                    now: now
                )
            } catch {
                logger.error("claiming outbox jobs failed", metadata: ["error": "\(error)"])
                return
            }
            await start(jobs, now: now, in: &group)
            if jobs.count < limit { return }
        }
    }

    /// Starts claimed jobs whose destination admits them; the others are postponed.
    private func start(_ jobs: [OutboxJob], now: Date, in group: inout DiscardingTaskGroup) async {
        var postponed: [Date: [String]] = [:]
        for job in jobs {
            let destination = Self.destination(of: job)
            switch gate.withLock({ $0.admit(destination, now: now) }) {
            case .postpone(let until):
                postponed[until, default: []].append(job.id)
            case .attempt:
                inFlight.add(1, ordering: .relaxed)
                group.addTask {
                    let failure = await self.process(job)
                    self.gate.withLock { $0.finished(destination, failure: failure, now: Date()) }
                    self.inFlight.subtract(1, ordering: .relaxed)
                    self.signal.yield()
                }
            }
        }
        await postpone(postponed)
    }

    private func postpone(_ postponed: [Date: [String]]) async {
        for (until, ids) in postponed where !ids.isEmpty {
            do {
                try await store.postponeJobs(ids, until: until)
            } catch {
                // Their leases expire and they are claimed again: late, never lost.
                logger.error("postponing outbox jobs failed", metadata: ["error": "\(error)", "count": "\(ids.count)"])
            }
        }
    }

    private func tick() async {
        while !stopping.load(ordering: .relaxed) {
            try? await Task.sleep(for: settings.pollInterval)
            signal.yield()
        }
    }

    /// Woken by the first attempt of a batch, it gives the batch `flushInterval` to fill and writes
    /// it; it goes on while attempts remain (a failed write keeps them), then sleeps again.
    private func flushLoop() async {
        for await _ in recorder.added {
            repeat {
                try? await Task.sleep(for: settings.flushInterval)
                await recorder.flush(limit: settings.flushBatch)
            } while await recorder.pending > 0 && !stopping.load(ordering: .relaxed)
        }
    }

    func count(_ outcome: String) {
        counters.withLock { $0[outcome, default: 0] += 1 }
    }
}

/// One delivery attempt, for metrics: how long it took, and how long after its job was queued it
/// ended (for a webhook of a verification: the commit of the call to the receiver's answer).
public struct DeliveryObservation: Sendable {
    public var jobID: String
    public var kind: OutboxKind
    public var delivered: Bool
    public var attempt: Duration
    public var sinceQueued: TimeInterval
}
