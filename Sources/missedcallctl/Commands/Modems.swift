import AdminContract
import ArgumentParser
import Foundation

struct Modems: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List modems and their health, show one, clear a quarantine, run a self-test call, reset, SMS, raw AT.",
        subcommands: [List.self, Show.self, Clear.self, SelfTest.self, Forget.self, Reset.self, SMS.self, AT.self],
        defaultSubcommand: List.self
    )

    static func printTable(_ modems: [ModemEntry]) {
        Output.table(
            ["NODE", "IMEI", "STATE", "HEALTH", "DEVICE", "NUMBER", "SIGNAL", "CALLS", "ANSWERED", "LAST RECOVERY", "SELF-TEST"],
            modems.map { modem in
                [
                    modem.node ?? "-", modem.identity.imei ?? "-", modem.state, healthText(modem.health), modem.devicePath,
                    modem.number ?? modem.selfTest?.learnedNumber ?? "-", modem.signalDBm.map { "\($0) dBm" } ?? "-",
                    String(modem.callsRejected), String(modem.callsAnswered), modem.health.lastRecoveryRung ?? "-",
                    modem.selfTest?.lastResult ?? "-",
                ]
            },
            // One node (a single box): its name says nothing, so it goes first.
            dropFirst: (Set(modems.map(\.node)).count <= 1 ? ["NODE"] : []) + ["DEVICE", "ANSWERED", "LAST RECOVERY", "SELF-TEST", "NODE"]
        )
        let quarantined = modems.filter { $0.health.condition == "quarantined" }
        if !quarantined.isEmpty {
            print("\nquarantined (fix the dongle, then `missedcallctl modems clear IMEI`):")
            for modem in quarantined { print("  \(modem.identity.imei ?? modem.devicePath): \(modem.health.quarantineReason ?? "-")") }
        }
    }

    /// `healthy`, `recovering:radio-reset`, `quarantined`, ...
    static func healthText(_ health: ModemHealthView) -> String {
        guard health.condition == "recovering", let rung = health.rung else { return health.condition }
        return "recovering:\(rung)"
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "All modems and their state.")
        @OptionGroup var options: GlobalOptions
        func run() async throws {
            try await execute {
                let reply = try await options.client.call(.GET, "/modems")
                options.json ? Output.json(reply.body) : Modems.printTable(try reply.decode([ModemEntry].self))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Identity, SIM, registration, signal and operator of one modem.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "IMEI (or device path).") var imei: String
        func run() async throws {
            try await execute {
                let reply = try await options.client.call(.GET, "/modems/\(imei.pathEncoded)")
                options.json ? Output.json(reply.body) : try Output.details(reply, as: ModemEntry.self)
            }
        }
    }

    struct Clear: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Clear a quarantined modem: it is opened and initialised again, from the first recovery rung."
        )
        @OptionGroup var options: GlobalOptions
        @Argument(help: "IMEI (or device path).") var imei: String
        func run() async throws {
            try await execute {
                let reply = try await options.client.call(.POST, "/modems/\(imei.pathEncoded)/clear")
                options.json ? Output.json(reply.body) : print("cleared: \(imei) is \(healthText(try reply.decode(ModemEntry.self).health))")
            }
        }
    }

    struct SelfTest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "self-test",
            abstract: "Call this modem's pool number from another ready modem now; passes when it reports the ring."
        )
        @OptionGroup var options: GlobalOptions
        @Argument(help: "IMEI (or device path) of the modem to call.") var imei: String
        func run() async throws {
            try await execute {
                let reply = try await options.client.call(.POST, "/modems/\(imei.pathEncoded)/self-test")
                if options.json { return Output.json(reply.body) }
                let record = try reply.decode(SelfTestView.self)
                print("self-test \(record.lastResult ?? "-"): \(record.lastDetail ?? "-")")
            }
        }
    }

    struct Forget: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Drop a modem that is gone (waiting for its device) or quarantined from the list; one in service is refused."
        )
        @OptionGroup var options: GlobalOptions
        @Argument(help: "IMEI (or device path).") var imei: String
        func run() async throws {
            try await execute {
                let reply = try await options.client.call(.DELETE, "/modems/\(imei.pathEncoded)")
                options.json ? Output.json(reply.body) : print("forgotten: \(imei)")
            }
        }
    }

    struct Reset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Restart the modem (AT+CFUN=1,1); it comes back by itself.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "IMEI (or device path).") var imei: String
        func run() async throws {
            try await execute {
                let reply = try await options.client.call(.POST, "/modems/\(imei.pathEncoded)/reset")
                options.json ? Output.json(reply.body) : print("reset: \(try reply.decode(ResetReply.self).result); the modem comes back by itself")
            }
        }
    }

    struct SMS: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send an SMS from this modem.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "IMEI (or device path).") var imei: String
        @Option(help: "Destination number, E.164.") var to: String
        @Option(help: "The text (one SMS: 160 GSM characters or 70 others).") var text: String
        func run() async throws {
            try await execute {
                let reply = try await options.client.call(.POST, "/modems/\(imei.pathEncoded)/sms", body: SMSRequest(to: to, text: text))
                options.json ? Output.json(reply.body) : print("sent, reference \(try reply.decode(SMSReply.self).reference)")
            }
        }
    }

    struct AT: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send a raw AT command, for debugging (calls are still handled).")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "IMEI (or device path).") var imei: String
        @Argument(help: "The command, e.g. AT+CSQ.") var command: String
        func run() async throws {
            try await execute {
                let reply = try await options.client.call(.POST, "/modems/\(imei.pathEncoded)/at", body: ATRequest(command: command))
                if options.json { return Output.json(reply.body) }
                let answer = try reply.decode(ATReply.self)
                for line in answer.lines { print(line) }
                print(answer.result.joined())
                // The modem's own refusal (ERROR, +CME ERROR): printed, and the exit status says so.
                guard answer.result.joined() == "ok" else { throw ExitCode(1) }
            }
        }
    }
}

extension String {
    var pathEncoded: String { addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "+-._"))) ?? self }
}
