import AdminContract
import ArgumentParser
import Foundation

struct Deliveries: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Webhook, e-mail and SMS deliveries: list, the attempt log, redeliver, the dead ones.",
        subcommands: [List.self, Show.self, Redeliver.self, Dead.self, Destinations.self],
        defaultSubcommand: List.self
    )

    static let headers = ["ID", "KIND", "STATE", "ATTEMPTS", "TARGET", "LAST ERROR"]

    static func row(_ job: DeliveryEntry) -> [String] {
        [job.id, job.kind, job.state, String(job.attempts), job.target, job.lastError ?? "-"]
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Recent deliveries, newest first.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "pending, delivering, delivered, dead or stopped.") var state: DeliveryStateChoice?
        @OptionGroup var rows: RowLimit
        func run() async throws {
            try await execute {
                var path = "/deliveries?limit=\(rows.limit)"
                if let state { path += "&state=\(state.rawValue)" }
                let reply = try await options.client.call(.GET, path)
                if options.json { return Output.json(reply.body) }
                Output.table(Deliveries.headers, try reply.decode([DeliveryEntry].self).map(Deliveries.row))
                // A destination held back explains jobs that stay pending: say so under the list.
                let held = try await options.client.call(.GET, "/deliveries/destinations").decode([DestinationEntry].self)
                    .filter { $0.circuit != "closed" }
                if !held.isEmpty {
                    print("\nheld back (circuit open after failures; `missedcallctl deliveries destinations`):")
                    for destination in held {
                        print(
                            "  \(destination.destination) \(destination.circuit) until \(Output.date(destination.retryAt)): \(destination.lastFailure ?? "-")"
                        )
                    }
                }
            }
        }
    }

    struct Destinations: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Destinations (webhook hosts, the SMTP relay, SMS lines) that are busy or failing, and their circuits."
        )
        @OptionGroup var options: GlobalOptions
        func run() async throws {
            try await execute {
                let reply = try await options.client.call(.GET, "/deliveries/destinations")
                try Output.show(
                    reply,
                    json: options.json,
                    as: [DestinationEntry].self,
                    headers: ["DESTINATION", "CIRCUIT", "IN FLIGHT", "FAILURES", "RETRY AT", "LAST FAILURE"]
                ) { row in
                    [
                        row.destination, row.circuit, String(row.inFlight), String(row.failuresInARow), Output.date(row.retryAt),
                        row.lastFailure ?? "-",
                    ]
                }
            }
        }
    }

    struct Dead: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Deliveries that gave up after the retry schedule.")
        @OptionGroup var options: GlobalOptions
        func run() async throws {
            try await execute {
                let reply = try await options.client.call(.GET, "/deliveries?state=dead&limit=500")
                try Output.show(reply, json: options.json, as: [DeliveryEntry].self, headers: Deliveries.headers, row: Deliveries.row)
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One delivery and its attempt log.")
        @OptionGroup var options: GlobalOptions
        @Argument var id: String
        func run() async throws {
            try await execute {
                let reply = try await options.client.call(.GET, "/deliveries/\(id.pathEncoded)")
                if options.json { return Output.json(reply.body) }
                let detail = try reply.decode(DeliveryDetail.self)
                Output.table(Deliveries.headers, [Deliveries.row(detail.job)])
                print("")
                Output.table(
                    ["TIME", "RESULT", "CODE", "LATENCY", "DETAIL"],
                    detail.attempts.map { attempt in
                        [
                            Output.date(attempt.attemptedAt), attempt.result, attempt.statusCode.map(String.init) ?? "-",
                            "\(attempt.latencyMilliseconds) ms", attempt.detail ?? "-",
                        ]
                    }
                )
            }
        }
    }

    struct Redeliver: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Queue a dead, stopped or delivered job again.")
        @OptionGroup var options: GlobalOptions
        @Argument var id: String
        func run() async throws {
            try await execute {
                let reply = try await options.client.call(.POST, "/deliveries/\(id.pathEncoded)/redeliver")
                options.json ? Output.json(reply.body) : print("queued \(id) again")
            }
        }
    }
}
