import AdminContract
import ArgumentParser
import Foundation

struct Pool: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The dialing-number pool: add a dongle's number, remove, enable, disable, list.",
        subcommands: [List.self, Add.self, Update.self, Remove.self, Enable.self, Disable.self],
        defaultSubcommand: List.self
    )

    /// PENDING and CALLS/MIN are the number's recent load: a SIM takes one call at a time.
    static let headers = ["NUMBER", "COUNTRY", "PURPOSE", "MODEM IMEI", "ENABLED", "ONLINE", "NODE", "PENDING", "CALLS/MIN"]

    static func row(_ number: PoolEntry) -> [String] {
        [
            number.number.e164, number.country, number.purpose, number.modemIMEI ?? "-", number.enabled ? "yes" : "no",
            number.online ? "yes" : "no", number.node ?? "-", number.pendingSessions.map(String.init) ?? "-",
            number.callsLastMinute.map(String.init) ?? "-",
        ]
    }

    /// The pool's replies, a list or the one number a command changed, for `--json` or a table.
    static func show(_ reply: AdminClient.Reply, json: Bool, one: Bool = false) throws {
        if json { return Output.json(reply.body) }
        let numbers = one ? [try reply.decode(PoolEntry.self)] : try reply.decode([PoolEntry].self)
        Output.table(headers, numbers.map(row))
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every number, with its modem and whether it is in service.")
        @OptionGroup var options: GlobalOptions
        func run() async throws {
            try await execute {
                let reply = try await options.client.call(.GET, "/pool")
                try Pool.show(reply, json: options.json)
            }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a number's purpose, or the modem (IMEI) and SIM (ICCID) it is bound to.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The number, as dialled in its country or E.164.") var number: String
        @Option(help: "verification, listener or signup.") var purpose: PurposeChoice?
        @Option(help: "IMEI of the modem now holding the SIM.") var imei: String?
        @Option(help: "ICCID of the SIM.") var iccid: String?
        func validate() throws {
            guard purpose != nil || imei != nil || iccid != nil else { throw ValidationError("say what to change: --purpose, --imei or --iccid") }
            try ModemIdentifiers.validateIMEI(imei)
            try ModemIdentifiers.validateICCID(iccid)
        }
        func run() async throws {
            try await execute {
                let body = PoolUpdateRequest(purpose: purpose?.rawValue, imei: imei, iccid: iccid)
                try Pool.show(try await options.client.call(.PATCH, "/pool/\(number.pathEncoded)", body: body), json: options.json, one: true)
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a number, bound to the modem (IMEI) whose SIM it is.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The number, as dialled in its country or E.164.") var number: String
        @Option(help: "IMEI of the modem holding the SIM (see 'missedcallctl modems').") var imei: String?
        @Option(help: "ICCID of the SIM.") var iccid: String?
        @Option(help: "IN, US, UK or IT.") var country = CountryChoice.IN
        @Option(help: "verification, listener or signup.") var purpose = PurposeChoice.verification
        func validate() throws {
            try ModemIdentifiers.validateIMEI(imei)
            try ModemIdentifiers.validateICCID(iccid)
        }
        func run() async throws {
            try await execute {
                let body = PoolAddRequest(number: number, country: country.rawValue, purpose: purpose.rawValue, imei: imei, iccid: iccid)
                let reply = try await options.client.call(.POST, "/pool", body: body)
                try Pool.show(reply, json: options.json, one: true)
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a number from the pool.")
        @OptionGroup var options: GlobalOptions
        @Argument var number: String
        func run() async throws {
            try await execute {
                let reply = try await options.client.call(.DELETE, "/pool/\(number.pathEncoded)")
                options.json ? Output.json(reply.body) : print("removed \(number)")
            }
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Hand the number out again.")
        @OptionGroup var options: GlobalOptions
        @Argument var number: String
        func run() async throws {
            try await execute {
                let reply = try await options.client.call(.POST, "/pool/\(number.pathEncoded)/enable")
                try Pool.show(reply, json: options.json, one: true)
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop handing the number out (open sessions still verify).")
        @OptionGroup var options: GlobalOptions
        @Argument var number: String
        func run() async throws {
            try await execute {
                let reply = try await options.client.call(.POST, "/pool/\(number.pathEncoded)/disable")
                try Pool.show(reply, json: options.json, one: true)
            }
        }
    }
}
