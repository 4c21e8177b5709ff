import Foundation
import Logging
import NIOPosix
import SessionStore

#if canImport(Glibc)
import Glibc
#endif

/// `missedcalld --copy-store-to postgresql://…`: copies this box's SQLite store (the state folder
/// of `--config`) into the PostgreSQL database a cluster will share, with a progress bar, then
/// checks the counts. Safe while the daemon runs (a consistent snapshot is read); run it again
/// after stopping the daemon to bring over what changed meanwhile (rows are upserted).
public enum StoreCopyCommand {
    public static func run(configPath: String?, url: String, passwordFile: String?) async -> Int32 {
        let configuration: GatewayConfiguration
        do {
            configuration = try await GatewayConfiguration.load(file: configPath)
        } catch {
            return fail("\(error)")
        }
        var logger = Logger(label: "missedcalld.copy")
        logger.logLevel = .warning
        var password: String?
        if let passwordFile {
            guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8) else { return fail("cannot read \(passwordFile)") }
            password = text.trimmingCharacters(in: .newlines)
        }
        let bar = ProgressBar(interactive: isatty(STDERR_FILENO) == 1)
        do {
            let connector = try PostgresConnector(
                url: url,
                password: password,
                eventLoop: MultiThreadedEventLoopGroup.singleton.any(),
                logger: logger
            )
            note("copying \(configuration.databasePath) into \(PostgresConnector.redacted(url))")
            let copied = try await StoreCopy.copy(sqlitePath: configuration.databasePath, to: connector, logger: logger) { progress in
                bar.show(progress)
            }
            bar.finish()
            let counts = try await StoreCopy.counts(in: connector, logger: logger)
            var short: [String] = []
            print("TABLE".padding(toLength: 20, withPad: " ", startingAt: 0) + "COPIED".leftPadded(10) + "IN POSTGRESQL".leftPadded(16))
            for (table, rows) in copied {
                let there = counts[table] ?? 0
                if there < rows { short.append(table) }
                print(table.padding(toLength: 20, withPad: " ", startingAt: 0) + String(rows).leftPadded(10) + String(there).leftPadded(16))
            }
            guard short.isEmpty else { return fail("fewer rows in PostgreSQL than copied in: \(short.joined(separator: ", "))") }
            note("done: \(copied.map(\.rows).reduce(0, +)) rows. Next: set store.engine to postgresql on each node (docs/operations/cluster.md)")
            return 0
        } catch {
            bar.finish()
            return fail("\(error)")
        }
    }

    static func note(_ text: String) {
        FileHandle.standardError.write(Data("missedcalld: \(text)\n".utf8))
    }

    static func fail(_ text: String) -> Int32 {
        note("copy failed: \(text)")
        return 1
    }
}

/// `passkeys      [##########..........]  1200/2400` on a terminal, redrawn in place; one line per
/// finished table otherwise (a log, a pipe).
final class ProgressBar: Sendable {
    let interactive: Bool

    init(interactive: Bool) { self.interactive = interactive }

    func show(_ progress: StoreCopy.Progress) {
        let done = progress.total == 0 || progress.copied >= progress.total
        let width = 30
        let filled = progress.total == 0 ? width : width * progress.copied / max(1, progress.total)
        let line =
            progress.table.padding(toLength: 20, withPad: " ", startingAt: 0) + "["
            + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
            + "\(progress.copied)/\(progress.total)"
        if interactive {
            FileHandle.standardError.write(Data(("\r" + line + (done ? "\n" : "")).utf8))
        } else if done {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }

    func finish() {}
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
