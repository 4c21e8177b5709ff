import AdminContract
import ArgumentParser
import Foundation
import Synchronization

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
        @Option(help: "The country of national-form prefixes (written with their trunk 0): IN, US, UK or IT.") var country = CountryChoice.IN
        func run() async throws {
            try await execute {
                guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw CLIError.usage("cannot read \(file)") }
                let reply = try await options.client.call(.POST, "/intelligence/prefixes", body: ImportRequest(csv: text, country: country.rawValue))
                if options.json { return Output.json(reply.body) }
                let report = try reply.decode(ImportReply.self)
                print("imported \(report.rows) rows from \(file)" + ((report.rejected ?? 0) > 0 ? ", \(report.rejected ?? 0) rejected" : ""))
                for reject in report.firstRejects ?? [] { print("  line \(reject.line): \(reject.reason)") }
                if (report.rejected ?? 0) > 0 { throw ExitCode(1) }
            }
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
        static let configuration = CommandConfiguration(
            abstract: "Import the list; it replaces the previous one and applies at once.",
            discussion: """
                One number per line, E.164 or the national forms of --country (9920123456, 09920123456, \
                +91 99201 23456), optionally `number,yes|no`; a header line and # comments are skipped. Any \
                size: the file is streamed. Prints the numbers accepted, duplicates, rows marked no, and the \
                line numbers of the first rejected rows; exits 1 when any row was rejected.
                """
        )
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The file (keep its as-of date in its name).") var file: String
        @Option(help: "The country of numbers written without their country code: IN, US, UK or IT.") var country = CountryChoice.IN
        func run() async throws {
            try await execute {
                let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int64) ?? 0
                let bar = UploadProgress(total: size, interactive: isatty(STDERR_FILENO) == 1)
                let started = Date()
                let reply = try await options.client.upload("/intelligence/dnd/stream?country=\(country.rawValue)", file: file) { sent in
                    bar.update(sent)
                }
                bar.finish()
                if options.json { return Output.json(reply.body) }
                let report = try reply.decode(DNDImportReply.self)
                print(
                    "imported \(file) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s: \(report.accepted) numbers on the list, "
                        + "\(report.duplicates) duplicates, \(report.notListed) marked no, \(report.rejected) rejected"
                )
                if let added = report.added, let kept = report.alreadyListed, let removed = report.removed {
                    print("  against the previous list: \(added) added, \(kept) already listed, \(removed) removed")
                }
                for reject in report.firstRejects { print("  line \(reject.line): \(reject.reason)") }
                if report.rejected > report.firstRejects.count { print("  … and \(report.rejected - report.firstRejects.count) more") }
                if report.rejected > 0 { throw ExitCode(1) }
            }
        }
    }
}

/// `[##########..........]  41%  23.1 MB/s  ETA 2 s` on a terminal, redrawn at most ten times a
/// second; otherwise (a log, a pipe) a plain line at each quarter.
final class UploadProgress: Sendable {
    let total: Int64
    let interactive: Bool
    let started = Date()
    private let lastDrawn = Mutex<Date>(.distantPast)
    private let quartersShown = Mutex<Int>(0)

    init(total: Int64, interactive: Bool) {
        self.total = total
        self.interactive = interactive
    }

    func update(_ sent: Int64) {
        guard interactive else {
            guard total > 0 else { return }
            let quarter = Int(4 * sent / total)
            let show = quartersShown.withLock { shown -> Bool in
                guard quarter > shown else { return false }
                shown = quarter
                return true
            }
            if show {
                let rate = Double(sent) / max(0.001, Date().timeIntervalSince(started)) / 1e6
                FileHandle.standardError.write(
                    Data(String(format: "sent %d%% (%.1f of %.1f MB, %.1f MB/s)\n", quarter * 25, Double(sent) / 1e6, Double(total) / 1e6, rate).utf8)
                )
            }
            return
        }
        let now = Date()
        let due = lastDrawn.withLock { last -> Bool in
            guard now.timeIntervalSince(last) >= 0.1 || sent >= total else { return false }
            last = now
            return true
        }
        guard due else { return }
        let elapsed = max(0.001, now.timeIntervalSince(started))
        let rate = Double(sent) / elapsed
        let fraction = total > 0 ? min(1, Double(sent) / Double(total)) : 0
        let width = 30
        let filled = Int(fraction * Double(width))
        let eta = rate > 0 && total > sent ? Int(Double(total - sent) / rate) : 0
        let line =
            "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
            + String(format: "%3.0f%%  %.1f MB/s  ETA %d s", fraction * 100, rate / 1e6, eta)
        FileHandle.standardError.write(Data(("\r" + line).utf8))
    }

    func finish() {
        if interactive { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
