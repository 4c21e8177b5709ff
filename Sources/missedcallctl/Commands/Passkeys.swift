import AdminContract
import ArgumentParser
import Foundation

struct Passkeys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "API passkeys: create (shown once), list, revoke, set the daily quota, rotate the webhook secret.",
        subcommands: [List.self, Create.self, Update.self, Revoke.self, Quota.self, RotateSecret.self],
        defaultSubcommand: List.self
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every passkey (never the key itself).")
        @OptionGroup var options: GlobalOptions
        func run() async throws {
            try await execute {
                let reply = try await options.client.call(.GET, "/passkeys")
                if options.json { return Output.json(reply.body) }
                Output.table(
                    ["ID", "KEY", "LABEL", "OWNER", "QUOTA/DAY", "RATE/MIN", "METHOD", "REVOKED"],
                    try reply.decode([PasskeySummary].self).map { key in
                        [
                            key.id, key.displayPrefix + "…", key.label, key.ownerMobile ?? "-", String(key.dailyQuota),
                            String(key.ratePerMinute), key.webhookMethod, key.revokedAt == nil ? "no" : "yes",
                        ]
                    }
                )
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a passkey and print it: it is shown this once only.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Who it is for.") var label: String
        @Option(help: "The owner's mobile number.") var owner: String?
        @Option(help: "Sessions per UTC day.") var quota = 1000
        @Option(help: "Sessions per minute.") var rate = 600
        @Option(help: "Webhook method: get, post-form or post-json.") var method = WebhookMethodChoice.get
        func validate() throws {
            guard !label.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--label must say who the passkey is for") }
            guard quota >= 1 else { throw ValidationError("--quota must be 1 or more") }
            guard rate >= 1 else { throw ValidationError("--rate must be 1 or more") }
        }
        func run() async throws {
            try await execute {
                let body = PasskeyCreateRequest(label: label, owner: owner, quota: quota, rate: rate, method: method.rawValue)
                let reply = try await options.client.call(.POST, "/passkeys", body: body)
                if options.json { return Output.json(reply.body) }
                let created = try reply.decode(PasskeyCreated.self)
                print("passkey: \(created.passkey)   (shown once: store it now)")
                print("id: \(created.record.id)")
                print("webhook secret: \(created.webhookSecret)   (shown once too)")
            }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a passkey's label, daily quota, rate, webhook method or the web origins allowed to read its sessions."
        )
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The passkey's id (from 'passkeys list').") var id: String
        @Option(help: "Who it is for.") var label: String?
        @Option(help: "Sessions per UTC day.") var quota: Int?
        @Option(help: "Sessions per minute.") var rate: Int?
        @Option(help: "Webhook method: get, post-form or post-json.") var method: WebhookMethodChoice?
        @Option(
            name: .customLong("allow-origin"),
            help: "A web origin (https://app.example.com) whose pages may show the verification widget; repeat for more. Replaces the list."
        )
        var origins: [String] = []
        @Flag(name: .customLong("no-origins"), help: "Allow no web origin (the default).") var noOrigins = false
        func validate() throws {
            guard label != nil || quota != nil || rate != nil || method != nil || !origins.isEmpty || noOrigins else {
                throw ValidationError("say what to change: --label, --quota, --rate, --method, --allow-origin or --no-origins")
            }
            if noOrigins, !origins.isEmpty { throw ValidationError("--no-origins and --allow-origin contradict each other") }
            if let label, label.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--label must say who the passkey is for") }
            if let quota, quota < 0 { throw ValidationError("--quota must be 0 or more") }
            if let rate, rate < 1 { throw ValidationError("--rate must be 1 or more") }
        }
        func run() async throws {
            try await execute {
                let body = PasskeyUpdateRequest(
                    label: label,
                    quota: quota,
                    rate: rate,
                    method: method?.rawValue,
                    origins: noOrigins ? [] : origins.isEmpty ? nil : origins
                )
                let reply = try await options.client.call(.PATCH, "/passkeys/\(id.pathEncoded)", body: body)
                if options.json { return Output.json(reply.body) }
                let key = try reply.decode(PasskeySummary.self)
                let allowed = key.allowedOrigins.isEmpty ? "no web origins" : "origins " + key.allowedOrigins.joined(separator: " ")
                print("\(key.id): \(key.label), \(key.dailyQuota)/day, \(key.ratePerMinute)/min, webhook \(key.webhookMethod), \(allowed)")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a passkey at once.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The passkey's id (from 'passkeys list').") var id: String
        func run() async throws {
            try await execute {
                let reply = try await options.client.call(.POST, "/passkeys/\(id.pathEncoded)/revoke")
                options.json ? Output.json(reply.body) : print("revoked \(id)")
            }
        }
    }

    struct Quota: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set the daily session quota.")
        @OptionGroup var options: GlobalOptions
        @Argument var id: String
        @Argument(help: "Sessions per UTC day.") var quota: Int
        func run() async throws {
            try await execute {
                let reply = try await options.client.call(.POST, "/passkeys/\(id.pathEncoded)/quota", body: QuotaRequest(quota: quota))
                options.json ? Output.json(reply.body) : print("quota of \(id): \(quota)/day")
            }
        }
    }

    struct RotateSecret: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-secret",
            abstract: "New webhook signing secret; the old one still signs until the next rotation."
        )
        @OptionGroup var options: GlobalOptions
        @Argument var id: String
        func run() async throws {
            try await execute {
                let reply = try await options.client.call(.POST, "/passkeys/\(id.pathEncoded)/rotate-secret")
                options.json ? Output.json(reply.body) : print("webhook secret: \(try reply.decode(SecretRotated.self).webhookSecret)")
            }
        }
    }
}
