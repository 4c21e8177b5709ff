import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// Log lines for journald when stderr is the journal (systemd sets `JOURNAL_STREAM` to the
/// device and inode of that stream): each line starts with its syslog priority, `<3>` for error,
/// so `journalctl -p warning` and the colours work; no timestamp (the journal has its own).
/// Elsewhere the daemon logs with swift-log's `StreamLogHandler`.
struct JournalLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level
    let label: String

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// syslog priorities (RFC 5424): trace and debug are debug (7), critical is crit (2).
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }

    static func line(level: Logger.Level, label: String, message: Logger.Message, metadata: Logger.Metadata, source: String) -> String {
        let fields = metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        // One record per line: a newline inside a message would start a record without a priority.
        let text = "\(message)".replacingOccurrences(of: "\n", with: " ⏎ ")
        return "<\(priority(level))>\(label): \(text)\(fields.isEmpty ? "" : " " + fields) [\(source)]\n"
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let text = Self.line(level: event.level, label: label, message: event.message, metadata: merged, source: event.source)
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Whether stderr is the journal: `JOURNAL_STREAM` names its device and inode.
    static func stderrIsJournal(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard let stream = environment["JOURNAL_STREAM"] else { return false }
        let parts = stream.split(separator: ":").compactMap { UInt64($0) }
        guard parts.count == 2 else { return false }
        var info = stat()
        guard fstat(STDERR_FILENO, &info) == 0 else { return false }
        return UInt64(info.st_dev) == parts[0] && UInt64(info.st_ino) == parts[1]
    }
}
