import AdminContract
import ArgumentParser
import Foundation

struct Sessions: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Verification sessions.",
        subcommands: [List.self, Show.self, Expire.self],
        defaultSubcommand: List.self
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Recent sessions, newest first.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "pending, verified or expired.") var status: SessionStatusChoice?
        @OptionGroup var rows: RowLimit
        func run() async throws {
            try await execute {
                var path = "/sessions?limit=\(rows.limit)"
                if let status { path += "&status=\(status.rawValue)" }
                let reply = try await options.client.call(.GET, path)
                try Output.show(
                    reply,
                    json: options.json,
                    as: [SessionEntry].self,
                    headers: ["SID", "STATUS", "MOBILE", "DIAL", "CREATED", "EXPIRES"]
                ) { session in
                    [
                        session.sid, session.status, session.mobile.e164, session.dialingNumber.e164, Output.date(session.createdAt),
                        Output.date(session.expiresAt),
                    ]
                }
            }
        }
    }

    struct Expire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "End a pending session now: its number is free for that mobile again and a late call no longer verifies it."
        )
        @OptionGroup var options: GlobalOptions
        @Argument var sid: String
        func run() async throws {
            try await execute {
                let reply = try await options.client.call(.POST, "/sessions/\(sid.pathEncoded)/expire")
                options.json ? Output.json(reply.body) : print("\(try reply.decode(SessionEntry.self).sid) expired")
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
                options.json ? Output.json(reply.body) : try Output.details(reply, as: SessionEntry.self)
            }
        }
    }
}

struct Calls: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Recent missed calls, matched or not.")
    @OptionGroup var options: GlobalOptions
    @OptionGroup var rows: RowLimit
    func run() async throws {
        try await execute {
            let reply = try await options.client.call(.GET, "/calls?limit=\(rows.limit)")
            try Output.show(reply, json: options.json, as: [CallEntry].self, headers: ["TIME", "TO", "FROM", "RESULT", "SESSION"]) { call in
                [
                    Output.date(call.receivedAt), call.dialedNumber.e164, call.callerAsPresented.isEmpty ? "withheld" : call.callerAsPresented,
                    call.result, call.sessionSID ?? "-",
                ]
            }
        }
    }
}
