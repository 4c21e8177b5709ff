import Foundation

/// A plain-text UTF-8 message rendered as RFC 5322: Date, Message-ID, From, To, Subject (RFC 2047
/// encoded when not ASCII), MIME headers, quoted-printable body, CRLF line endings. Header values
/// are checked: a CR or LF anywhere is refused, so no field can inject a header.
public struct EmailMessage: Sendable, Equatable {
    public var from: EmailAddress
    public var fromName: String?
    public var to: EmailAddress
    public var subject: String
    public var body: String
    public var date: Date
    public var messageID: String
    public var extraHeaders: [(String, String)]

    public static func == (lhs: EmailMessage, rhs: EmailMessage) -> Bool {
        lhs.from == rhs.from && lhs.to == rhs.to && lhs.subject == rhs.subject && lhs.body == rhs.body && lhs.date == rhs.date
            && lhs.messageID == rhs.messageID
    }

    public enum Invalid: Error, Equatable, Sendable, CustomStringConvertible {
        case lineBreakInHeader(String)
        public var description: String {
            switch self {
            case .lineBreakInHeader(let name): return "header \(name) contains a line break"
            }
        }
    }

    public init(
        from: EmailAddress,
        fromName: String? = nil,
        to: EmailAddress,
        subject: String,
        body: String,
        date: Date = Date(),
        messageID: String? = nil,
        extraHeaders: [(String, String)] = []
    ) {
        self.from = from
        self.fromName = fromName
        self.to = to
        self.subject = subject
        self.body = body
        self.date = date
        self.messageID = messageID ?? "<\(UUID().uuidString.lowercased())@\(from.domain)>"
        self.extraHeaders = extraHeaders
    }

    /// The message as sent after DATA (before dot-stuffing), CRLF line endings.
    public func rendered(timeZone: TimeZone) throws(Invalid) -> String {
        // Checked before encoding: a line break in a field is refused, never smuggled or encoded away.
        for (name, raw) in [("Subject", subject), ("From", fromName ?? "")] + extraHeaders
        where raw.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }) {
            throw .lineBreakInHeader(name)
        }
        let fromValue = fromName.map { "\(Self.encodeWord($0)) <\(from.value)>" } ?? from.value
        var headers: [(String, String)] = [
            ("Date", CallbackTime.rfc5322(date, in: timeZone)),
            ("Message-ID", messageID),
            ("From", fromValue),
            ("To", to.value),
            ("Subject", Self.encodeWord(subject)),
            ("MIME-Version", "1.0"),
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Transfer-Encoding", "quoted-printable"),
        ]
        headers += extraHeaders
        var out = ""
        for (name, value) in headers {
            guard !name.contains(where: { $0 == "\r" || $0 == "\n" || $0 == ":" }),
                !value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" })
            else { throw .lineBreakInHeader(name) }
            out += "\(name): \(value)\r\n"
        }
        return out + "\r\n" + Self.quotedPrintable(body)
    }

    /// RFC 2047 `=?utf-8?B?...?=` when the text is not plain ASCII.
    static func encodeWord(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value > 0x7E || $0.value < 0x20 }) else { return text }
        return "=?utf-8?B?" + Data(text.utf8).base64EncodedString() + "?="
    }

    /// Quoted-printable (RFC 2045): printable ASCII as is, the rest `=XX`, lines under 76 characters
    /// with soft breaks, every line break CRLF.
    static func quotedPrintable(_ text: String) -> String {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for line in lines {
            var current = ""
            let bytes = Array(line.utf8)
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let piece: String
                if (byte >= 33 && byte <= 126 && byte != 61) || (byte == 32 && !isLast) {
                    piece = String(UnicodeScalar(byte))
                } else {
                    piece = "=" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
                }
                if current.count + piece.count > 75 {
                    out.append(current + "=")
                    current = ""
                }
                current += piece
            }
            out.append(current)
        }
        return out.joined(separator: "\r\n") + "\r\n"
    }
}
