import AdminContract
import ArgumentParser
import Foundation

struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Modems, pool and delivery queue at a glance.")
    @OptionGroup var options: GlobalOptions

    func run() async throws {
        try await execute {
            let reply = try await options.client.call(.GET, "/status")
            if options.json { return Output.json(reply.body) }
            let status = try reply.decode(StatusReply.self)
            if let nodes = status.nodes, nodes.count > 1 || status.engine == "postgresql" {
                print("nodes: \(nodes.filter { $0.state == "up" }.count)/\(nodes.count) up (store: \(status.engine ?? "?"))")
                Nodes.printTable(nodes)
                print("")
            }
            print("modems: \(status.modems.filter { $0.state == "ready" }.count)/\(status.modems.count) ready")
            Modems.printTable(status.modems)
            print("\npool: \(status.pool.filter { $0.online && $0.enabled }.count)/\(status.pool.count) numbers in service")
            Output.table(Pool.headers, status.pool.map(Pool.row))
            print(
                "\ndeliveries: "
                    + ["pending", "delivering", "delivered", "dead", "stopped"].map { "\($0) \(status.outbox[$0] ?? 0)" }.joined(
                        separator: ", "
                    )
            )
        }
    }
}

struct Nodes: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The gateway nodes sharing the store: last heartbeat, state, modems, version.",
        discussion: """
            A node is up while its heartbeat is younger than the number lease (node.leaseSeconds), down \
            after (its numbers are out of allocation until it returns), stopped after a graceful stop.
            """
    )
    @OptionGroup var options: GlobalOptions

    static func printTable(_ nodes: [NodeEntry], now: Date = Date()) {
        Output.table(
            ["NODE", "STATE", "LAST HEARTBEAT", "MODEMS", "VERSION", "HOST", "STARTED"],
            nodes.map { node in
                [
                    node.id + (node.isSelf ? " *" : ""), node.state, "\(max(0, Int(now.timeIntervalSince(node.heartbeatAt)))) s ago",
                    String(node.modems), node.version, node.hostname, ISO8601DateFormatter().string(from: node.startedAt),
                ]
            }
        )
    }

    func run() async throws {
        try await execute {
            let reply = try await options.client.call(.GET, "/nodes")
            if options.json { return Output.json(reply.body) }
            Nodes.printTable(try reply.decode([NodeEntry].self))
            print("\n* the node this socket belongs to")
        }
    }
}

struct Simulate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make a simulated modem ring (demo and tests).",
        subcommands: [Call.self],
        defaultSubcommand: Call.self
    )

    struct Call: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A missed call from --from to the pool number --to.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "The caller's number; omit for a withheld caller.") var from: String?
        @Option(help: "The pool number to ring, as dialled or E.164.") var to: String

        func run() async throws {
            try await execute {
                var query = "to=\(to.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? to)"
                if let from { query += "&from=\(from.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? from)" }
                let reply = try await options.client.call(.POST, "/simulate/call?\(query)")
                if options.json { return Output.json(reply.body) }
                print("ringing \(try reply.decode(RingingReply.self).ringing) from \(from ?? "a withheld number")")
            }
        }
    }
}
