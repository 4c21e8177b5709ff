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
