import AdminContract
import ArgumentParser
import Foundation

struct Listeners: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Missed-call listener numbers (polls, voting, missed call to CRM).",
        subcommands: [List.self, Add.self, Remove.self, Tally.self],
        defaultSubcommand: List.self
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every listener and where it reports.")
        @OptionGroup var options: GlobalOptions
        func run() async throws {
            try await execute {
                let reply = try await options.client.call(.GET, "/listeners")
                try Output.show(reply, json: options.json, as: [ListenerEntry].self, headers: ["NUMBER", "PASSKEY ID", "NOTIFY", "EMAIL"]) {
                    listener in
                    [listener.number.e164, listener.passkeyID, listener.notifyURL ?? "-", listener.email ?? "-"]
                }
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a listener pool number report to a passkey's owner.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "A pool number added with --purpose listener.") var number: String
        @Option(name: .customLong("passkey-id"), help: "The owner's passkey id.") var passkeyID: String
        @Option(help: "Callback URL for each vote.") var notify: String?
        @Option(help: "E-mail address for each vote.") var email: String?
        @Option(name: .customLong("dedupe-seconds"), help: "The same caller again within this counts once.") var dedupeSeconds = 86_400
        func run() async throws {
            try await execute {
                let body = ListenerAddRequest(
                    number: number,
                    passkeyID: passkeyID,
                    notifyURL: notify,
                    email: email,
                    dedupeSeconds: Int64(dedupeSeconds)
                )
                let reply = try await options.client.call(.POST, "/listeners", body: body)
                options.json ? Output.json(reply.body) : print("listener \(number) reports to \(passkeyID)")
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop a listener: its calls are no longer reported (the number stays in the pool).")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The listener's number.") var number: String
        func run() async throws {
            try await execute {
                let reply = try await options.client.call(.DELETE, "/listeners/\(number.pathEncoded)")
                options.json ? Output.json(reply.body) : print("listener \(number) removed")
            }
        }
    }

    struct Tally: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Calls and votes per UTC day.")
        @OptionGroup var options: GlobalOptions
        @Argument var number: String
        @Option var days = 7
        func run() async throws {
            try await execute {
                let reply = try await options.client.call(.GET, "/listeners/\(number.pathEncoded)/tally?days=\(days)")
                try Output.show(reply, json: options.json, as: [TallyEntry].self, headers: ["DAY", "CALLS", "VOTES"]) {
                    [$0.day, String($0.calls), String($0.votes)]
                }
            }
        }
    }
}
