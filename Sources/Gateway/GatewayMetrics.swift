import CallbackDispatcher
import Foundation
import ModemKit
import Prometheus
import SessionStore

/// Prometheus metrics at `/metrics`. Labels never carry phone numbers: results, outcomes, states
/// and modem IMEIs only.
public final class GatewayMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    let hangUpLatency: DurationHistogram

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
}
