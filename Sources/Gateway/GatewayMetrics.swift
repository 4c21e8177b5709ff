import CallbackDispatcher
import Foundation
import ModemKit
import Prometheus
import SessionStore
import Synchronization

/// Prometheus metrics at `/metrics`. Labels never carry phone numbers: results, outcomes, states
/// and modem IMEIs only.
public final class GatewayMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    let hangUpLatency: DurationHistogram
    /// Cumulative counts read at scrape time, as last exported: counters advance by the difference.
    private let exported = Mutex<[String: Int]>([:])

    init() {
        hangUpLatency = registry.makeDurationHistogram(
            descriptor: Self.named("missedcall_hangup_latency_seconds", "Ring (bytes read) to hang-up command written, inside ModemKit"),
            buckets: [
                .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(5), .milliseconds(50),
            ]
        )
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

    func hangUp(nanoseconds: UInt64) {
        hangUpLatency.record(.nanoseconds(Int64(nanoseconds)))
    }

    /// Refreshes the gauges that are read rather than counted, then renders everything.
    func scrape(modems: [ModemReport], outbox: [OutboxState: Int], deliveries: [String: Int]) -> String {
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
                registry.makeGauge(
                    descriptor: Self.named("missedcall_modem_recovery_attempts", "Recovery rungs tried since start"),
                    labels: [("imei", imei), ("rung", rung.rawValue)]
                )
                .set(to: Double(health.attempts[rung.rawValue, default: 0]))
                registry.makeGauge(
                    descriptor: Self.named("missedcall_modem_recoveries", "Recoveries by the rung that worked"),
                    labels: [("imei", imei), ("rung", rung.rawValue)]
                )
                .set(to: Double(health.recoveries[rung.rawValue, default: 0]))
            }
            registry.makeGauge(
                descriptor: Self.named("missedcall_modem_calls_answered", "Calls the network answered (voicemail, forwarding) since start"),
                labels: [("imei", imei)]
            )
            .set(to: Double(status.callsAnswered))
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
            registry.makeGauge(
                descriptor: Self.named("missedcall_modem_calls_rejected", "Calls this modem hung up since start"),
                labels: [("imei", imei)]
            )
            .set(to: Double(status.callsRejected))
        }
        for state in OutboxState.allCases {
            registry.makeGauge(descriptor: Self.named("missedcall_outbox_jobs", "Outbox jobs by state"), labels: [("state", state.rawValue)])
                .set(to: Double(outbox[state, default: 0]))
        }
        for (outcome, count) in deliveries {
            registry.makeGauge(
                descriptor: Self.named("missedcall_delivery_attempts", "Delivery attempts since start, by decision"),
                labels: [("outcome", outcome)]
            )
            .set(to: Double(count))
        }
        return registry.emitToString()
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

    private func advance(_ name: String, to value: Int, help: String) {
        let delta = exported.withLock { exported in
            let delta = value - exported[name, default: 0]
            exported[name] = value
            return delta
        }
        let counter = registry.makeCounter(descriptor: Self.named(name, help))
        if delta > 0 { counter.increment(by: Int64(delta)) }
    }
}
