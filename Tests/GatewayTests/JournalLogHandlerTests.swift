import Glibc
import Logging
import Testing

@testable import Gateway

@Suite("Journal log lines")
struct JournalLogHandlerTests {
    static let levels: [(Logger.Level, Int)] = [
        (.trace, 7), (.debug, 7), (.info, 6), (.notice, 5), (.warning, 4), (.error, 3), (.critical, 2),
    ]

    @Test("each line starts with the syslog priority of its level, one record per line", arguments: levels)
    func priorities(_ level: Logger.Level, _ priority: Int) {
        let line = JournalLogHandler.line(
            level: level,
            label: "missedcalld",
            message: "two\nlines",
            metadata: ["b": "2", "a": "1"],
            source: "Gateway"
        )
        #expect(line == "<\(priority)>missedcalld: two ⏎ lines a=1 b=2 [Gateway]\n")
    }

    @Test("stderr is the journal only when JOURNAL_STREAM names stderr's device and inode")
    func detection() {
        #expect(!JournalLogHandler.stderrIsJournal(environment: [:]))
        #expect(!JournalLogHandler.stderrIsJournal(environment: ["JOURNAL_STREAM": "1:1"]))
        #expect(!JournalLogHandler.stderrIsJournal(environment: ["JOURNAL_STREAM": "nonsense"]))
        var info = stat()
        fstat(STDERR_FILENO, &info)
        #expect(JournalLogHandler.stderrIsJournal(environment: ["JOURNAL_STREAM": "\(info.st_dev):\(info.st_ino)"]))
    }
}
