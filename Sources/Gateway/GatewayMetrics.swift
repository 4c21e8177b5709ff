import CallbackDispatcher
import Foundation
import ModemKit
import Prometheus
import SessionStore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Prometheus metrics at `/metrics`, named as Prometheus asks: counters end in `_total`, units are
/// in names (`_seconds`, `_bytes`), latencies are histograms. Labels never carry phone numbers:
/// results, outcomes, states, countries, routes and modem IMEIs only. Conventions are checked by
/// `MetricsConventionTests`; the shipped alert rules and dashboard (`contrib/monitoring/`) use them.
public final class GatewayMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    let hangUpLatency: DurationHistogram
    /// Cumulative counts read at scrape time, as last exported: counters advance by the difference.
    private let exported = Mutex<[String: Int]>([:])
    /// Sessions created, verified and expired, by passkey id, since start (the store reports them
    /// after each commit); exported by passkey label.
    private let funnelCounts = Mutex<[String: [FunnelStage: Int]]>([:])
    /// When the call behind each webhook waiting for delivery rang (at most 10,000 remembered; a
    /// webhook delivered by another node of a cluster is not timed here).
    private let ringTimes = Mutex<[String: Date]>([:])

    /// The call that queued these webhooks rang at `ringAt` (the intake tells, after the commit).
    func webhooksQueued(_ jobIDs: [String], ringAt: Date) {
        ringTimes.withLock { times in
            if times.count > 10_000 { times.removeAll(keepingCapacity: true) }
            for id in jobIDs { times[id] = ringAt }
        }
    }
    static let startTime = Date()

    init() {
        hangUpLatency = registry.makeDurationHistogram(
            descriptor: Self.named("missedcall_hangup_latency_seconds", "Ring (bytes read) to hang-up command written, inside ModemKit"),
            buckets: [
                .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(5), .milliseconds(50),
            ]
        )
        registry.makeGauge(
            descriptor: Self.named("missedcall_build_info", "Always 1; the running version in its label"),
            labels: [("version", MissedCallDaemon.version)]
        )
        .set(to: 1)
    }

    static let requestBuckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(1000), .milliseconds(5000), .seconds(30),
    ]

    /// One public API request: its route (the router's pattern, never the path with its values) and
    /// status class.
    func request(route: String, status: Int, duration: Duration) {
        registry.makeDurationHistogram(
            descriptor: Self.named("missedcall_http_request_duration_seconds", "Public API requests, by route and status class"),
            labels: [("route", route), ("status", "\(status / 100)xx")],
            buckets: Self.requestBuckets
        )
        .record(duration)
    }

    /// One delivery attempt (webhook, e-mail, SMS): its duration, and for a delivered job the time
    /// from its queuing (the call's commit, for a verification's webhook) to the receiver's answer.
    func delivery(_ observation: DeliveryObservation) {
        let kind = observation.kind.rawValue
        registry.makeDurationHistogram(
            descriptor: Self.named("missedcall_delivery_attempt_duration_seconds", "Delivery attempts, by kind"),
            labels: [("kind", kind)],
            buckets: Self.requestBuckets
        )
        .record(observation.attempt)
        if let rang = ringTimes.withLock({ $0.removeValue(forKey: observation.jobID) }), observation.delivered {
            registry.makeDurationHistogram(
                descriptor: Self.named("missedcall_ring_to_webhook_seconds", "A verification's call ringing to its webhook answered by the receiver"),
                buckets: Self.requestBuckets
            )
            .record(.milliseconds(Int64(max(0, Date().timeIntervalSince(rang)) * 1000)))
        }
        if observation.delivered {
            registry.makeDurationHistogram(
                descriptor: Self.named(
                    "missedcall_delivery_delay_seconds",
                    "Queued to delivered, by kind (a verification's webhook: call committed to receiver's answer)"
                ),
                labels: [("kind", kind)],
                buckets: Self.requestBuckets + [.seconds(60), .seconds(600), .seconds(3600)]
            )
            .record(.milliseconds(Int64(max(0, observation.sinceQueued) * 1000)))
        }
    }

    /// A metric's full name as a descriptor (the names here already carry their units).
    static func named(_ name: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
    }

    func call(_ result: CallResult) {
        registry.makeCounter(
            descriptor: Self.named("missedcall_calls_total", "Missed calls received, by what they did"),
            labels: [("result", result.rawValue)]
        ).increment()
    }

    func session(_ outcome: String) {
        registry.makeCounter(descriptor: Self.named("missedcall_sessions_total", "Session requests, by outcome"), labels: [("outcome", outcome)])
            .increment()
    }

    func selfTest(_ result: SelfTestRecord.Result) {
        registry.makeCounter(
            descriptor: Self.named("missedcall_self_tests_total", "Self-test calls, by result"),
            labels: [("result", result.rawValue)]
        ).increment()
    }

    /// A batch's ids are mostly one passkey's: counted first, so each id is looked up once.
    func funnel(_ stage: FunnelStage, _ passkeyIDs: [String]) {
        var batch: [String: Int] = [:]
        for id in passkeyIDs { batch[id, default: 0] += 1 }
        funnelCounts.withLock { counts in
            for (id, count) in batch { counts[id, default: [:]][stage, default: 0] += count }
        }
    }

    func hangUp(nanoseconds: UInt64) {
        hangUpLatency.record(.nanoseconds(Int64(nanoseconds)))
    }

    /// Refreshes the gauges that are read rather than counted, then renders everything.
    func scrape(
        modems: [ModemReport],
        outbox: [OutboxState: Int],
        deliveries: [String: Int],
        pool: [DialingNumber] = [],
        passkeys: [PasskeyRecord] = []
    ) -> String {
        // The funnel by passkey label (an app's name; never the key): passkeys sharing a label add up.
        let labels = Dictionary(passkeys.map { ($0.id, $0.label) }, uniquingKeysWith: { first, _ in first })
        var byLabel: [String: [FunnelStage: Int]] = [:]
        for (id, stages) in funnelCounts.withLock({ $0 }) {
            let label = labels[id] ?? "unknown"
            for (stage, count) in stages { byLabel[label, default: [:]][stage, default: 0] += count }
        }
        for (label, stages) in byLabel {
            for stage in FunnelStage.allCases {
                advance(
                    "missedcall_verifications_total",
                    labels: [("passkey", label), ("stage", stage.rawValue)],
                    to: stages[stage, default: 0],
                    help: "Verification sessions by passkey label and stage: created, called (in time or late), verified, expired (by the sweep)"
                )
            }
        }
        for report in modems {
            let status = report.status
            let imei = status.identity.imei ?? status.devicePath
            let health = report.health
            registry.makeGauge(descriptor: Self.named("missedcall_modem_quarantined", "1 while the modem is quarantined"), labels: [("imei", imei)])
                .set(to: health.condition == .quarantined ? 1.0 : 0.0)
            registry.makeGauge(
                descriptor: Self.named("missedcall_modem_healthy", "1 while the watchdog finds the modem healthy"),
                labels: [("imei", imei)]
            )
            .set(to: health.condition == .healthy ? 1.0 : 0.0)
            for rung in RecoveryRung.allCases {
                advance(
                    "missedcall_modem_recovery_attempts_total",
                    labels: [("imei", imei), ("rung", rung.rawValue)],
                    to: health.attempts[rung.rawValue, default: 0],
                    help: "Recovery rungs tried"
                )
                advance(
                    "missedcall_modem_recoveries_total",
                    labels: [("imei", imei), ("rung", rung.rawValue)],
                    to: health.recoveries[rung.rawValue, default: 0],
                    help: "Recoveries, by the rung that worked"
                )
            }
            advance(
                "missedcall_modem_calls_answered_total",
                labels: [("imei", imei)],
                to: status.callsAnswered,
                help: "Calls the network answered (voicemail, forwarding)"
            )
            if let selfTest = report.selfTest, let result = selfTest.lastResult {
                registry.makeGauge(
                    descriptor: Self.named("missedcall_modem_self_test_passing", "1 when the last self-test call got through"),
                    labels: [("imei", imei)]
                )
                .set(to: result == .passed ? 1.0 : 0.0)
            }
            registry.makeGauge(descriptor: Self.named("missedcall_modem_ready", "1 when the modem is ready for calls"), labels: [("imei", imei)])
                .set(to: status.state == .ready ? 1.0 : 0.0)
            if let dBm = status.signal?.dBm {
                registry.makeGauge(descriptor: Self.named("missedcall_modem_signal_dbm", "Signal strength"), labels: [("imei", imei)]).set(
                    to: Double(dBm)
                )
            }
            advance("missedcall_modem_calls_rejected_total", labels: [("imei", imei)], to: status.callsRejected, help: "Calls this modem hung up")
        }
        for state in OutboxState.allCases {
            registry.makeGauge(descriptor: Self.named("missedcall_outbox_jobs", "Outbox jobs by state"), labels: [("state", state.rawValue)])
                .set(to: Double(outbox[state, default: 0]))
        }
        for (outcome, count) in deliveries {
            advance("missedcall_delivery_attempts_total", labels: [("outcome", outcome)], to: count, help: "Delivery attempts, by decision")
        }
        for (key, count) in Self.poolCounts(pool, now: Date()) {
            registry.makeGauge(
                descriptor: Self.named("missedcall_pool_numbers", "Pool numbers by country, purpose and state (online, offline, disabled)"),
                labels: [("country", key.country), ("purpose", key.purpose), ("state", key.state)]
            )
            .set(to: Double(count))
        }
        scrapeProcess()
        return registry.emitToString()
    }

    struct PoolKey: Hashable {
        var country: String
        var purpose: String
        var state: String
    }

    /// Every country and purpose present gets all three states, zero included (an alert on
    /// "no number online" needs the zero).
    static func poolCounts(_ pool: [DialingNumber], now: Date) -> [PoolKey: Int] {
        var counts: [PoolKey: Int] = [:]
        for number in pool {
            for state in ["online", "offline", "disabled"] {
                counts[PoolKey(country: number.country.rawValue, purpose: number.purpose.rawValue, state: state), default: 0] += 0
            }
            let state = !number.enabled ? "disabled" : number.isAvailable(at: now) ? "online" : "offline"
            counts[PoolKey(country: number.country.rawValue, purpose: number.purpose.rawValue, state: state), default: 0] += 1
        }
        return counts
    }

    /// The standard process metrics, from /proc/self.
    private func scrapeProcess() {
        registry.makeGauge(descriptor: Self.named("process_start_time_seconds", "Start time of the process since the epoch, in seconds")).set(
            to: Self.startTime.timeIntervalSince1970
        )
        if let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8).split(separator: " "), statm.count > 1,
            let pages = Double(statm[1])
        {
            registry.makeGauge(descriptor: Self.named("process_resident_memory_bytes", "Resident memory size in bytes")).set(
                to: pages * Double(sysconf(Int32(_SC_PAGESIZE)))
            )
        }
        if let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
            let end = stat.lastIndex(of: ")")
        {
            // Fields after the command's closing parenthesis: state is field 3; utime 14, stime 15.
            let fields = stat[stat.index(after: end)...].split(separator: " ")
            if fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) {
                let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
                let milliseconds = Int((user + system) / ticks * 1000)
                advanceSeconds("process_cpu_seconds_total", milliseconds: milliseconds, help: "Total user and system CPU time spent in seconds")
            }
        }
        if let descriptors = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") {
            registry.makeGauge(descriptor: Self.named("process_open_fds", "Number of open file descriptors")).set(to: Double(descriptors.count))
        }
        var limit = rlimit()
        if getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 {
            registry.makeGauge(descriptor: Self.named("process_max_fds", "Maximum number of open file descriptors")).set(to: Double(limit.rlim_cur))
        }
    }

    /// The edges: the public server's connections and waiters, and the delivery destinations held
    /// back. Destinations are counted by circuit state, never labelled by host.
    func scrapeEdges(http: ConnectionRegistry.Counts, limits: HTTPLimits, waiters: Int, destinations: [DestinationStatus]) {
        registry.makeGauge(descriptor: Self.named("missedcall_http_connections", "Public API connections open")).set(to: Double(http.open))
        registry.makeGauge(descriptor: Self.named("missedcall_http_connections_busy", "Public API connections with a request in progress")).set(
            to: Double(http.busy)
        )
        registry.makeGauge(
            descriptor: Self.named("missedcall_http_connections_limit", "The connection cap in force (clamped to the descriptor limit)")
        )
        .set(to: Double(limits.maxConnections))
        registry.makeGauge(descriptor: Self.named("missedcall_http_waiters", "REST long-polls and event streams waiting")).set(to: Double(waiters))
        advance("missedcall_http_connections_evicted_total", to: http.evicted, help: "Idle connections closed to make room at the cap")
        advance("missedcall_http_connections_refused_total", to: http.refused, help: "Connections refused with 503: every connection was busy")
        advance("missedcall_http_header_timeouts_total", to: http.headerTimeouts, help: "Connections closed: no complete request head in time")
        advance("missedcall_http_body_timeouts_total", to: http.bodyTimeouts, help: "Connections closed: request body not complete in time")
        for circuit in ["closed", "open", "half-open"] {
            registry.makeGauge(
                descriptor: Self.named("missedcall_delivery_destinations", "Delivery destinations busy or failing, by circuit state"),
                labels: [("circuit", circuit)]
            )
            .set(to: Double(destinations.count { $0.circuit == circuit }))
        }
    }

    /// Moves a counter to a cumulative count read elsewhere (a modem's, the dispatcher's).
    private func advance(_ name: String, labels: [(String, String)] = [], to value: Int, help: String) {
        let key = name + labels.map { "|\($0.0)=\($0.1)" }.joined()
        let delta = exported.withLock { exported in
            let delta = value - exported[key, default: 0]
            exported[key] = value
            return delta
        }
        let counter = registry.makeCounter(descriptor: Self.named(name, help), labels: labels)
        if delta > 0 { counter.increment(by: Int64(delta)) }
    }

    private func advanceSeconds(_ name: String, milliseconds: Int, help: String) {
        let delta = exported.withLock { exported in
            let delta = milliseconds - exported[name, default: 0]
            exported[name] = milliseconds
            return delta
        }
        let counter = registry.makeCounter(descriptor: Self.named(name, help))
        if delta > 0 { counter.increment(by: Double(delta) / 1000) }
    }
}
