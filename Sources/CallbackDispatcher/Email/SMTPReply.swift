/// One SMTP reply: `250-first\r\n250 last` is code 250 with two lines.
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    public var code: Int
    public var lines: [String]

    public var isPositive: Bool { (200..<400).contains(code) }
    /// 4xx: try again later; 5xx: permanent.
    public var isTransient: Bool { (400..<500).contains(code) }
    public var description: String { "\(code) \(lines.joined(separator: " / "))" }

    /// The EHLO keywords (`STARTTLS`, `AUTH PLAIN LOGIN`, `8BITMIME`, ...), uppercased.
    public var extensions: [String] { lines.dropFirst().map { $0.uppercased() } }

    public func supports(_ keyword: String) -> Bool {
        extensions.contains { $0 == keyword || $0.hasPrefix(keyword + " ") }
    }

    public func authMechanisms() -> [String] {
        extensions.first { $0.hasPrefix("AUTH ") || $0.hasPrefix("AUTH=") }
            .map { $0.dropFirst(5).split(separator: " ").map(String.init) } ?? []
    }
}

/// Accumulates reply lines; pure, so multi-line replies split across reads are table-tested.
public struct SMTPReplyParser: Sendable {
    private var pending: [String] = []
    private var pendingCode: Int?

    public init() {}

    public enum Failure: Error, Equatable, Sendable { case malformed(String) }

    /// Feeds one line (without CRLF); returns a reply when the line completes one.
    public mutating func feed(_ line: String) throws(Failure) -> SMTPReply? {
        let bytes = Array(line.utf8)
        guard bytes.count >= 3, let code = Int(String(decoding: bytes[0..<3], as: UTF8.self)), (200...599).contains(code) else {
            throw .malformed(String(line.prefix(80)))
        }
        let separator = bytes.count > 3 ? bytes[3] : UInt8(ascii: " ")
        let text = bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : ""
        if let pendingCode, pendingCode != code { throw .malformed(String(line.prefix(80))) }
        pending.append(text)
        if separator == UInt8(ascii: "-") {
            pendingCode = code
            return nil
        }
        defer {
            pending = []
            pendingCode = nil
        }
        return SMTPReply(code: code, lines: pending)
    }
}
