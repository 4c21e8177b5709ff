import AdminContract
import ArgumentParser
import Foundation

struct Numbers: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Number intelligence: import the prefix table (operator, circle, type).",
        subcommands: [Import.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a CSV of prefix,operator,circle,type; it replaces the previous import and applies at once."
        )
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The CSV file.") var file: String
        func run() async throws {
            try await execute { try await importFile(options, file, to: "/intelligence/prefixes") }
        }
    }
}

struct DND: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dnd",
        abstract: "Import a DND (do not disturb) list: one number per line.",
        subcommands: [Import.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import the list; it replaces the previous one and applies at once.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The file (keep its as-of date in its name).") var file: String
        func run() async throws {
            try await execute { try await importFile(options, file, to: "/intelligence/dnd") }
        }
    }
}

func importFile(_ options: GlobalOptions, _ file: String, to path: String) async throws {
    guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw CLIError.usage("cannot read \(file)") }
    let reply = try await options.client.call(.POST, path, body: ImportRequest(csv: text))
    options.json ? Output.json(reply.body) : print("imported \(try reply.decode(ImportReply.self).rows) rows from \(file)")
}
