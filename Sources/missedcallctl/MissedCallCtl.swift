import AdminContract
import ArgumentParser
import Foundation

@main
struct MissedCallCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "missedcallctl",
        abstract: "Administer a missedcall gateway: modems, the dialing-number pool, passkeys, sessions and deliveries.",
        discussion: """
            Talks to missedcalld over its admin socket: the subcommand's --socket, else $MISSEDCALL_ADMIN_SOCKET, \
            else ./var/missedcalld.sock (the demo), else /run/missedcall/missedcalld.sock. Every subcommand takes \
            --json for scripts. Exit codes: 0 done, 1 refused by the daemon, 3 daemon not reachable, 4 permission \
            denied on the socket, 5 not found (unknown modem, number, passkey...), 64 bad usage.
            """,
        version: MissedcallVersion.current,
        subcommands: [
            Status.self, Nodes.self, Modems.self, Pool.self, Passkeys.self, Sessions.self, Calls.self, Listeners.self, Deliveries.self,
            Numbers.self, DND.self, Simulate.self, Console.self,
        ]
    )
}

/// Options every subcommand takes.
struct GlobalOptions: ParsableArguments {
    @Option(help: "The admin socket of missedcalld.")
    var socket: String?

    @Flag(help: "Print the daemon's JSON instead of a table.")
    var json = false

    @Flag(help: "Show every column of a table, even wider than the terminal.")
    var wide = false

    func validate() throws {
        Output.wide.store(wide, ordering: .relaxed)
    }

    var client: AdminClient { AdminClient(socket: AdminClient.resolve(socket)) }
}

/// Runs a command body, turning failures into a message on stderr and a meaningful exit code.
func execute(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as CLIError {
        FileHandle.standardError.write(Data("missedcallctl: \(error.description)\n".utf8))
        throw ExitCode(error.exitCode)
    }
}
