import AdminContract
import Foundation
import SessionStore

/// The admin view of every node sharing the store: this node's modems live, the others' as their
/// last heartbeat wrote them (`nodes.modems`, refreshed every third of the number lease).
struct ClusterView: Sendable {
    let store: SQLGatewayStore
    let fleet: ModemFleet

    var nodeID: String { store.nodeID }

    func localModems() -> [ModemEntry] {
        fleet.reports.map { report in
            var entry = ModemEntry(report)
            entry.node = nodeID
            return entry
        }
    }

    /// `up` while its heartbeat is within the number lease, `stopped` after a graceful stop,
    /// `down` otherwise (its numbers have left allocation).
    func state(of node: NodeRecord, now: Date) -> String {
        if node.stoppedAt != nil { return "stopped" }
        return node.heartbeatAt.addingTimeInterval(Double(store.numberLease.components.seconds)) >= now ? "up" : "down"
    }

    func nodes(now: Date = Date()) async throws -> [NodeEntry] {
        try await store.nodes().map { node in
            NodeEntry(
                id: node.id,
                hostname: node.hostname,
                version: node.version,
                startedAt: node.startedAt,
                heartbeatAt: node.heartbeatAt,
                state: state(of: node, now: now),
                modems: node.id == nodeID ? fleet.reports.count : Self.snapshot(node.modems).count,
                isSelf: node.id == nodeID
            )
        }
    }

    /// This node's modems, then every other running node's; a node that stopped heart-beating
    /// shows its modems as `node-down`.
    func modems(now: Date = Date()) async throws -> [ModemEntry] {
        var entries = localModems()
        for node in try await store.nodes() where node.id != nodeID && node.stoppedAt == nil {
            let up = state(of: node, now: now) == "up"
            for var entry in Self.snapshot(node.modems) {
                entry.node = node.id
                if !up {
                    entry.state = "node-down"
                    entry.detail = "node \(node.id) last heard \(Int(now.timeIntervalSince(node.heartbeatAt))) s ago"
                }
                entries.append(entry)
            }
        }
        return entries
    }

    /// The running node (not this one) that drives the modem with this IMEI or id, if any.
    func owner(ofModem key: String, now: Date = Date()) async throws -> String? {
        for node in try await store.nodes() where node.id != nodeID && state(of: node, now: now) == "up" {
            if Self.snapshot(node.modems).contains(where: { $0.identity.imei == key || $0.id.map(String.init) == key }) { return node.id }
        }
        return nil
    }

    static func snapshot(_ json: String) -> [ModemEntry] {
        (try? AdminCoding.decoder.decode([ModemEntry].self, from: Data(json.utf8))) ?? []
    }

    func encodedLocalModems() -> String {
        (try? AdminCoding.encoder.encode(localModems())).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }
}
