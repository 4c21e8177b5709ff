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

    func run() async throws {
        if checkConfig {
            throw ExitCode(await MissedCallDaemon.checkConfiguration(file: config))
        }
        await MissedCallDaemon.run(configPath: config)
    }
}
