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
            name: "missedcall_hangup_latency_seconds",
            buckets: [.microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(5), .milliseconds(50)],
            help: "Ring (bytes read) to hang-up command written, inside ModemKit")
    }

    func call(_ result: CallResult) {
        registry.makeCounter(name: "missedcall_calls_total", labels: [("result", result.rawValue)], help: "Missed calls received, by what they did").increment()
    }

    func session(_ outcome: String) {
        registry.makeCounter(name: "missedcall_sessions_total", labels: [("outcome", outcome)], help: "Session requests, by outcome").increment()
    }

    func selfTest(_ result: SelfTestRecord.Result) {
        registry.makeCounter(name: "missedcall_self_tests_total", labels: [("result", result.rawValue)], help: "Self-test calls, by result").increment()
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
            registry.makeGauge(name: "missedcall_modem_quarantined", labels: [("imei", imei)], help: "1 while the modem is quarantined")
                .set(to: health.condition == .quarantined ? 1.0 : 0.0)
            registry.makeGauge(name: "missedcall_modem_healthy", labels: [("imei", imei)], help: "1 while the watchdog finds the modem healthy")
                .set(to: health.condition == .healthy ? 1.0 : 0.0)
            for rung in RecoveryRung.allCases {
                registry.makeGauge(name: "missedcall_modem_recovery_attempts", labels: [("imei", imei), ("rung", rung.rawValue)], help: "Recovery rungs tried since start")
                    .set(to: Double(health.attempts[rung.rawValue, default: 0]))
                registry.makeGauge(name: "missedcall_modem_recoveries", labels: [("imei", imei), ("rung", rung.rawValue)], help: "Recoveries by the rung that worked")
                    .set(to: Double(health.recoveries[rung.rawValue, default: 0]))
            }
            registry.makeGauge(name: "missedcall_modem_calls_answered", labels: [("imei", imei)], help: "Calls the network answered (voicemail, forwarding) since start")
                .set(to: Double(status.callsAnswered))
            if let selfTest = report.selfTest, let result = selfTest.lastResult {
                registry.makeGauge(name: "missedcall_modem_self_test_passing", labels: [("imei", imei)], help: "1 when the last self-test call got through")
                    .set(to: result == .passed ? 1.0 : 0.0)
            }
            registry.makeGauge(name: "missedcall_modem_ready", labels: [("imei", imei)], help: "1 when the modem is ready for calls")
                .set(to: status.state == .ready ? 1.0 : 0.0)
            if let dBm = status.signal?.dBm {
                registry.makeGauge(name: "missedcall_modem_signal_dbm", labels: [("imei", imei)], help: "Signal strength").set(to: Double(dBm))
            }
            registry.makeGauge(name: "missedcall_modem_calls_rejected", labels: [("imei", imei)], help: "Calls this modem hung up since start")
                .set(to: Double(status.callsRejected))
        }
        for state in OutboxState.allCases {
            registry.makeGauge(name: "missedcall_outbox_jobs", labels: [("state", state.rawValue)], help: "Outbox jobs by state")
                .set(to: Double(outbox[state, default: 0]))
        }
        for (outcome, count) in deliveries {
            registry.makeGauge(name: "missedcall_delivery_attempts", labels: [("outcome", outcome)], help: "Delivery attempts since start, by decision")
                .set(to: Double(count))
        }
        return registry.emitToString()
    }

    /// The edges: the public server's connections and waiters, and the delivery destinations held
    /// back. Destinations are counted by circuit state, never labelled by host.
    func scrapeEdges(http: ConnectionRegistry.Counts, limits: HTTPLimits, waiters: Int, destinations: [DestinationStatus]) {
        registry.makeGauge(name: "missedcall_http_connections", help: "Public API connections open").set(to: Double(http.open))
        registry.makeGauge(name: "missedcall_http_connections_busy", help: "Public API connections with a request in progress").set(to: Double(http.busy))
        registry.makeGauge(name: "missedcall_http_connections_limit", help: "The connection cap in force (clamped to the descriptor limit)")
            .set(to: Double(limits.maxConnections))
        registry.makeGauge(name: "missedcall_http_waiters", help: "REST long-polls and event streams waiting").set(to: Double(waiters))
        advance("missedcall_http_connections_evicted_total", to: http.evicted, help: "Idle connections closed to make room at the cap")
        advance("missedcall_http_connections_refused_total", to: http.refused, help: "Connections refused with 503: every connection was busy")
        advance("missedcall_http_header_timeouts_total", to: http.headerTimeouts, help: "Connections closed: no complete request head in time")
        advance("missedcall_http_body_timeouts_total", to: http.bodyTimeouts, help: "Connections closed: request body not complete in time")
        for circuit in ["closed", "open", "half-open"] {
            registry.makeGauge(name: "missedcall_delivery_destinations", labels: [("circuit", circuit)], help: "Delivery destinations busy or failing, by circuit state")
                .set(to: Double(destinations.count { $0.circuit == circuit }))
        }
    }

    private func advance(_ name: String, to value: Int, help: String) {
        let delta = exported.withLock { exported in
            let delta = value - exported[name, default: 0]
            exported[name] = value
            return delta
        }
        let counter = registry.makeCounter(name: name, help: help)
        if delta > 0 { counter.increment(by: Int64(delta)) }
    }
}
