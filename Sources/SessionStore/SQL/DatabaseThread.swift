import Foundation

/// A thread of its own for the writer connection, as a Swift task executor: the write queue runs
/// on it, so SQLite's blocking calls (a commit's fsync, a busy wait on another process's lock) hold
/// this thread only, never the cooperative pool the rest of the daemon runs on.
final class DatabaseThread: TaskExecutor, @unchecked Sendable {
    private let name: String
    /// Guards everything below.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var running = false
    private var stopping = false

    init(name: String) {
        self.name = name
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        let start = !running
        running = true
        stopping = false
        condition.signal()
        condition.unlock()
        if start {
            let thread = Thread { [self] in run() }
            thread.name = name
            thread.start()
        }
    }

    /// Lets the thread end once the queued jobs have run (the store was closed); a later job
    /// starts it again.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while jobs.isEmpty, !stopping { condition.wait() }
            if jobs.isEmpty {
                running = false
                condition.unlock()
                return
            }
            let ready = jobs
            jobs.removeAll(keepingCapacity: true)
            condition.unlock()
            for job in ready { job.runSynchronously(on: asUnownedTaskExecutor()) }
        }
    }
}
