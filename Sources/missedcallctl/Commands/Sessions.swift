import ArgumentParser
import Foundation

struct Sessions: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Verification sessions.",
        subcommands: [List.self, Show.self],
        defaultSubcommand: List.self
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Recent sessions, newest first.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "pending, verified or expired.") var status: String?
        @Option var limit = 50
        func run() async throws {
            try await execute {
                var path = "/sessions?limit=\(limit)"
                if let status { path += "&status=\(status.pathEncoded)" }
                let reply = try await options.client.call(.GET, path)
                if options.json { return Output.json(reply.body) }
                Output.table(
                    ["SID", "STATUS", "MOBILE", "DIAL", "CREATED", "EXPIRES"],
                    Output.objects(reply).map { session in
                        [
                            Output.string(session["sid"]), Output.string(session["status"]),
                            Output.string((session["mobile"] as? [String: Any])?["e164"]),
                            Output.string((session["dialingNumber"] as? [String: Any])?["e164"]), Output.string(session["createdAt"]),
                            Output.string(session["expiresAt"]),
                        ]
                    }
                )
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One session in full.")
        @OptionGroup var options: GlobalOptions
        @Argument var sid: String
        func run() async throws {
            try await execute {
                let reply = try await options.client.call(.GET, "/sessions/\(sid.pathEncoded)")
                options.json ? Output.json(reply.body) : Output.details(Output.object(reply))
            }
        }
    }
}

struct Calls: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Recent missed calls, matched or not.")
    @OptionGroup var options: GlobalOptions
    @Option var limit = 50
    func run() async throws {
        try await execute {
            let reply = try await options.client.call(.GET, "/calls?limit=\(limit)")
            if options.json { return Output.json(reply.body) }
            Output.table(
                ["TIME", "TO", "FROM", "RESULT", "SESSION"],
                Output.objects(reply).map { call in
                    [
                        Output.string(call["receivedAt"]), Output.string((call["dialedNumber"] as? [String: Any])?["e164"]),
                        Output.string(call["callerAsPresented"]).isEmpty ? "withheld" : Output.string(call["callerAsPresented"]),
                        Output.string(call["result"]), Output.string(call["sessionSID"]),
                    ]
                }
            )
        }
    }
}
