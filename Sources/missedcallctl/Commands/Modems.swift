import ArgumentParser
import Foundation

struct Modems: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List modems, show one, reset it, send an SMS, or send a raw AT command.",
        subcommands: [List.self, Show.self, Reset.self, SMS.self, AT.self], defaultSubcommand: List.self)

    static func printTable(_ modems: [[String: Any]]) {
        Output.table(["IMEI", "STATE", "DEVICE", "MODEL", "OPERATOR", "SIGNAL", "CALLS"], modems.map { modem in
            let identity = (modem["identity"] as? [String: Any]) ?? [:]
            return [Output.string(identity["imei"]), Output.string(modem["state"]), Output.string(modem["devicePath"]),
                    Output.string(identity["model"]), Output.string(modem["operatorName"]),
                    modem["signalDBm"].map { "\(Output.string($0)) dBm" } ?? "-", Output.string(modem["callsRejected"])]
        })
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "All modems and their state.")
        @OptionGroup var options: GlobalOptions
        func run() async throws {
            try await execute {
                let reply = try await options.client.call(.GET, "/modems")
                options.json ? Output.json(reply.body) : Modems.printTable(Output.objects(reply))
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
                options.json ? Output.json(reply.body) : Output.details(Output.object(reply))
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
                options.json ? Output.json(reply.body) : print("reset: \(Output.string(Output.object(reply)["result"]))")
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
                let reply = try await options.client.call(.POST, "/modems/\(imei.pathEncoded)/sms", body: ["to": to, "text": text])
                options.json ? Output.json(reply.body) : print("sent, reference \(Output.string(Output.object(reply)["reference"]))")
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
                let reply = try await options.client.call(.POST, "/modems/\(imei.pathEncoded)/at", body: ["command": command])
                if options.json { return Output.json(reply.body) }
                let object = Output.object(reply)
                for line in (object["lines"] as? [String]) ?? [] { print(line) }
                print(((object["result"] as? [String]) ?? []).joined())
            }
        }
    }
}

extension String {
    var pathEncoded: String { addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "+-._"))) ?? self }
}
