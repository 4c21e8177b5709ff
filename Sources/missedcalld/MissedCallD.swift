import ArgumentParser
import Gateway

/// `missedcalld`: the gateway daemon. Settings come from the JSON file and `MISSEDCALL_*`
/// variables (docs/operations/configuration.md), checked before anything starts.
@main
struct MissedCallD: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "missedcalld",
        abstract: "Missed-call phone verification over USB GSM dongles.",
        discussion: "Settings come from the JSON file and MISSEDCALL_* environment variables; see docs/operations/configuration.md.",
        version: MissedCallDaemon.version
    )

    @Option(help: "The JSON configuration file.")
    var config: String?

    @Flag(help: "Check the configuration, print the settings in force (secrets hidden) and exit: 0 when it is valid, 1 when not.")
    var checkConfig = false

    @Option(
        name: .customLong("copy-store-to"),
        help: ArgumentHelp(
            "Copy this box's SQLite store into the PostgreSQL database at this URL (postgresql://user@host/db), then exit.",
            discussion: "Safe while the daemon runs; run it again after stopping it to bring over what changed. See docs/operations/cluster.md.",
            valueName: "url"
        )
    )
    var copyStoreTo: String?

    @Option(help: ArgumentHelp("With --copy-store-to: a file holding the database password.", valueName: "path"))
    var passwordFile: String?

    func run() async throws {
        if let copyStoreTo {
            throw ExitCode(await StoreCopyCommand.run(configPath: config, url: copyStoreTo, passwordFile: passwordFile))
        }
        if checkConfig {
            throw ExitCode(await MissedCallDaemon.checkConfiguration(file: config))
        }
        await MissedCallDaemon.run(configPath: config)
    }
}
