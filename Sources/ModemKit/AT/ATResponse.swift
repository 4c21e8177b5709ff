/// The reply to one AT command: its information lines and how it ended.
public struct ATResponse: Sendable, Equatable {
    public var lines: [String]
    public var result: FinalResult

    public init(lines: [String], result: FinalResult) {
        self.lines = lines
        self.result = result
    }

    public var isSuccess: Bool { result.isSuccess }

    /// Information lines with `prefix` removed and trimmed, e.g. `+CSQ: 17,99` → `17,99`.
    public func values(prefixedBy prefix: String) -> [String] {
        lines.compactMap { line in
            guard line.hasPrefix(prefix) else { return nil }
            return String(line.dropFirst(prefix.count)).trimmingASCIIWhitespace()
        }
    }
}

public enum ATChannelError: Error, Equatable, Sendable {
    case timeout(command: String)
    case disconnected
    case failed(command: String, result: FinalResult)
}
