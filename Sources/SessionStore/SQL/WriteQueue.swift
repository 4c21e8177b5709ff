import Synchronization

/// Serialises every write on the one writer connection and commits them in groups: a durable
/// commit costs an fsync (about 160 µs here), so sessions and calls that arrive while one commit
/// runs share the next. Other writes run alone, each in its own transaction.
final class WriteQueue: Sendable {
    enum Item: Sendable {
        case session(PreparedSession, CheckedContinuation<VerificationSession, any Error>)
        case call(IncomingCallRecord, CheckedContinuation<CallOutcome, any Error>)
        /// A standalone transaction; the closure resumes its own continuation.
        case exclusive(@Sendable () async -> Void)
    }

    typealias BatchProcessor =
        @Sendable (
            _ sessions: [(PreparedSession, CheckedContinuation<VerificationSession, any Error>)],
            _ calls: [(IncomingCallRecord, CheckedContinuation<CallOutcome, any Error>)]
        ) async -> Void

    private struct State {
        var items: [Item] = []
        var draining = false
    }

    private let state = Mutex(State())
    private let maxBatch: Int
    /// In a struct: a bare closure in a `Mutex` gains two reabstraction thunks at every
    /// `withLock { $0 }`, so each batch ran through a chain as long as the batches before it.
    private let processor = Mutex<Processor?>(nil)

    private struct Processor {
        let process: BatchProcessor
    }
    /// Where the writes run (`DatabaseThread`): one thread, blocking only itself.
    private let thread = DatabaseThread(name: "missedcall-db-writer")

    init(maxBatch: Int) {
        self.maxBatch = max(1, maxBatch)
    }

    /// Lets the writer thread end; call once the store is closed.
    func stop() {
        thread.stop()
    }

    /// Set once by the owner, before the first submit.
    func setProcessor(_ processor: @escaping BatchProcessor) {
        self.processor.withLock { $0 = Processor(process: processor) }
    }

    private func processBatch(
        _ sessions: [(PreparedSession, CheckedContinuation<VerificationSession, any Error>)],
        _ calls: [(IncomingCallRecord, CheckedContinuation<CallOutcome, any Error>)]
    ) async {
        guard let process = processor.withLock({ $0 })?.process else {
            for (_, continuation) in sessions { continuation.resume(throwing: StoreError.conflict("store is not open")) }
            for (_, continuation) in calls { continuation.resume(throwing: StoreError.conflict("store is not open")) }
            return
        }
        await process(sessions, calls)
    }

    func submit(_ item: Item) {
        let startDrain = state.withLock { state -> Bool in
            state.items.append(item)
            guard !state.draining else { return false }
            state.draining = true
            return true
        }
        if startDrain {
            Task(executorPreference: thread) { await self.drain() }
        }
    }

    private func drain() async {
        while true {
            let batch = state.withLock { state -> [Item] in
                let taken = Array(state.items.prefix(maxBatch))
                state.items.removeFirst(taken.count)
                if taken.isEmpty { state.draining = false }
                return taken
            }
            if batch.isEmpty { return }
            var sessions: [(PreparedSession, CheckedContinuation<VerificationSession, any Error>)] = []
            var calls: [(IncomingCallRecord, CheckedContinuation<CallOutcome, any Error>)] = []
            for item in batch {
                switch item {
                case .session(let request, let continuation): sessions.append((request, continuation))
                case .call(let record, let continuation): calls.append((record, continuation))
                case .exclusive(let body):
                    if !sessions.isEmpty || !calls.isEmpty {
                        await processBatch(sessions, calls)
                        sessions.removeAll()
                        calls.removeAll()
                    }
                    await body()
                }
            }
            if !sessions.isEmpty || !calls.isEmpty {
                await processBatch(sessions, calls)
            }
        }
    }
}
