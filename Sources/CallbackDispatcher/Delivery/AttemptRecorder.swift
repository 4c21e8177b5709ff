import Logging
import SessionStore

/// Collects attempt results and writes them in batches: one durable transaction per delivery would
/// cap throughput at the disk's commit rate. A crash before a flush loses only the record of an
/// attempt; its job's lease then expires and it is delivered again (at least once, same event id).
actor AttemptRecorder {
    private let store: any GatewayStore
    private let logger: Logger
    private var buffer: [(DeliveryAttempt, DeliveryDecision)] = []
    /// Yields when an attempt is added to an empty buffer: the flush loop sleeps on it, so an idle
    /// dispatcher has no timer running (a 2 ms flush timer was 500 wake-ups a second).
    nonisolated let added: AsyncStream<Void>
    private nonisolated let addedSignal: AsyncStream<Void>.Continuation

    init(store: any GatewayStore, logger: Logger) {
        self.store = store
        self.logger = logger
        (added, addedSignal) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Ends the flush loop; what is still added is written by the final `flush`.
    nonisolated func finish() {
        addedSignal.finish()
    }

    var pending: Int { buffer.count }

    func add(_ attempt: DeliveryAttempt, _ decision: DeliveryDecision) {
        buffer.append((attempt, decision))
        if buffer.count == 1 { addedSignal.yield() }
    }

    /// Writes what has accumulated; on a database error keeps it for the next flush.
    func flush(limit: Int) async {
        guard !buffer.isEmpty else { return }
        let batch = Array(buffer.prefix(limit))
        buffer.removeFirst(batch.count)
        do {
            try await store.recordAttempts(batch)
        } catch {
            logger.error("recording delivery attempts failed; will retry", metadata: ["error": "\(error)", "count": "\(batch.count)"])
            buffer.insert(contentsOf: batch, at: 0)
        }
    }
}
