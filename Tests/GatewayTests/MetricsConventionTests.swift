import Foundation
import Gateway
import LoopbackReceivers
import Testing

/// `/metrics` after real traffic (a session, a call, a webhook) follows Prometheus' conventions, and
/// every metric the shipped alert rules and dashboard query exists.
@Suite("Metrics: names, types, labels, and what the monitoring files use", .serialized, .timeLimit(.minutes(1)))
struct MetricsConventionTests {
    struct Family {
        var name: String
        var type: String
    }

    /// `# TYPE name type` lines, and every sample line's name and labels.
    static func parse(_ text: String) -> (families: [Family], samples: [(name: String, labels: [String: String])]) {
        var families: [Family] = []
        var samples: [(String, [String: String])] = []
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                if parts.count >= 4 { families.append(Family(name: String(parts[2]), type: String(parts[3]))) }
                continue
            }
            if line.hasPrefix("#") { continue }
            let head = line.split(separator: " ").first.map(String.init) ?? ""
            guard let brace = head.firstIndex(of: "{") else {
                samples.append((head, [:]))
                continue
            }
            var labels: [String: String] = [:]
            let body = head[head.index(after: brace)..<(head.lastIndex(of: "}") ?? head.endIndex)]
            for pair in body.split(separator: ",") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                if kv.count == 2 { labels[String(kv[0])] = kv[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            }
            samples.append((String(head[..<brace]), labels))
        }
        return (families, samples)
    }

    static var monitoringFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("monitoring")
    }

    /// Metric names an expression refers to (`missedcall_…`, `process_…`).
    static func names(in expression: String) -> Set<String> {
        var found: Set<String> = []
        let pattern = try? NSRegularExpression(pattern: "\\b(missedcall_[a-z_]+|process_[a-z_]+)")
        let range = NSRange(expression.startIndex..., in: expression)
        for match in pattern?.matches(in: expression, range: range) ?? [] {
            if let r = Range(match.range(at: 1), in: expression) { found.insert(String(expression[r])) }
        }
        return found
    }

    @Test("counters end in _total, latencies are histograms in seconds, no phone number in a label, build info and process metrics present")
    func conventions() async throws {
        let receiver = try await HTTPReceiver.start()
        let gateway = try await GatewayHarness.start()
        let key = gateway.passkey.token.canonical
        let created = try await gateway.get("/Integ/API.dvf?out=JSON&notify=127.0.0.1:\(receiver.port)/hook&passkey=\(key)&mobile=9920123456")
        let sid = try #require(created.json["SessionId"] as? String)
        _ = try await gateway.get("/v1/verifications/\(sid)")
        try await gateway.ring(from: "+919920123456")
        _ = try await gateway.waitForStatus(sid, "VERIFIED")
        #expect(await receiver.wait(forCount: 1))
        try await Task.sleep(for: .milliseconds(100))
        let text = try await gateway.get("/metrics").body
        let (families, samples) = Self.parse(text)

        for family in families where family.type == "counter" {
            #expect(family.name.hasSuffix("_total"), "counter without _total: \(family.name)")
        }
        for family in families where family.type == "gauge" {
            #expect(!family.name.hasSuffix("_total"), "gauge named as a counter: \(family.name)")
        }
        for family in families where family.type == "histogram" {
            #expect(family.name.hasSuffix("_seconds"), "histogram without its unit: \(family.name)")
        }
        let types = Dictionary(families.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
        #expect(types["missedcall_http_request_duration_seconds"] == "histogram")
        #expect(types["missedcall_delivery_delay_seconds"] == "histogram")
        #expect(types["missedcall_hangup_latency_seconds"] == "histogram")
        #expect(types["missedcall_ring_to_webhook_seconds"] == "histogram" && text.contains("missedcall_ring_to_webhook_seconds_count 1"))
        #expect(types["process_cpu_seconds_total"] == "counter")
        #expect(types["process_resident_memory_bytes"] == "gauge")
        #expect(text.contains(#"missedcall_build_info{version="\#(MissedCallDaemon.version)"} 1"#))
        #expect(text.contains(#"missedcall_pool_numbers{country="IN",purpose="verification",state="online"} 1"#))
        // The funnel, by the passkey's label (never the key).
        let label = gateway.passkey.record.label
        #expect(
            text.contains(#"missedcall_verifications_total{passkey="\#(label)",stage="created"} 1"#),
            "\(text.split(separator: "\n").filter { $0.contains("verifications") })"
        )
        #expect(text.contains(#"missedcall_verifications_total{passkey="\#(label)",stage="verified"} 1"#))
        #expect(text.contains(#"missedcall_verifications_total{passkey="\#(label)",stage="called"} 1"#))
        #expect(!text.contains(key))
        // Routes by pattern, never by the values in the path.
        #expect(text.contains(#"route="/v1/verifications/{id}""#) && !text.contains(sid))
        // No phone number anywhere: not as a label value (IMEIs are modems, labelled `imei`), not at all.
        for (name, labels) in samples {
            for (label, value) in labels where label != "imei" {
                #expect(value.range(of: #"^\+?[0-9]{7,}$"#, options: .regularExpression) == nil, "\(name){\(label)=\(value)}")
            }
        }
        #expect(!text.contains("9920123456") && !text.contains("4466949401"))

        // Every metric the alert rules and the dashboard query is exposed (histograms by their series).
        var exposed = Set(families.map(\.name))
        for family in families where family.type == "histogram" {
            exposed.formUnion(["_bucket", "_count", "_sum"].map { family.name + $0 })
        }
        let rules = try String(contentsOf: Self.monitoringFolder.appendingPathComponent("missedcall-alerts.yml"), encoding: .utf8)
        let dashboard = try String(contentsOf: Self.monitoringFolder.appendingPathComponent("missedcall-dashboard.json"), encoding: .utf8)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(dashboard.utf8)) as? [String: Any])
        let panels = try #require(json["panels"] as? [[String: Any]])
        let expressions = panels.flatMap { ($0["targets"] as? [[String: Any]] ?? []).compactMap { $0["expr"] as? String } }
        #expect(expressions.count >= 20)
        let used = Self.names(in: rules).union(expressions.flatMap { Self.names(in: $0) })
        // Series that only exist once something happens (a modem quarantined, a self-test, a retry).
        let eventual: Set<String> = ["missedcall_self_tests_total", "missedcall_modem_signal_dbm"]
        for name in used.subtracting(eventual) {
            #expect(exposed.contains(name), "the monitoring files use \(name), which /metrics does not have")
        }
        await gateway.stop()
        await receiver.stop()
    }
}
