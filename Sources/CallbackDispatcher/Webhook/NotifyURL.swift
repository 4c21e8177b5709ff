import Foundation

/// A notify URL as clients send it: maybe without a scheme (`crm.example.com/hook` gets `http://`),
/// maybe with unencoded characters, or `NA` for none.
public struct NotifyURL: Sendable, Equatable, CustomStringConvertible {
    public enum Scheme: String, Sendable { case http, https }

    public let scheme: Scheme
    public let host: String
    public let port: Int
    /// Path and query as they go on the request line, percent-encoded where needed.
    public let target: String

    public var description: String {
        let defaultPort = scheme == .http ? 80 : 443
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return "\(scheme.rawValue)://\(hostPart)\(port == defaultPort ? "" : ":\(port)")\(target)"
    }

    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        case unsupportedScheme(String)
        case invalidHost(String)
        case invalidPort(String)
        case credentialsNotAllowed
        case controlCharacters

        public var description: String {
            switch self {
            case .unsupportedScheme(let scheme): return "notify URL scheme '\(scheme)' is not http or https"
            case .invalidHost(let host): return "notify URL host '\(host)' is not valid"
            case .invalidPort(let port): return "notify URL port '\(port)' is not valid"
            case .credentialsNotAllowed: return "notify URL must not carry user:password@"
            case .controlCharacters: return "notify URL contains control characters"
            }
        }
    }

    /// `nil` for an empty URL or `NA` (no callback wanted).
    public static func parse(_ raw: String) throws(ParseError) -> NotifyURL? {
        let text = raw.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
        if text.isEmpty || text.uppercased() == "NA" { return nil }
        guard !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { throw .controlCharacters }
        var rest = Substring(text)
        var scheme = Scheme.http
        if let range = rest.range(of: "://") {
            let name = rest[..<range.lowerBound].lowercased()
            guard let parsed = Scheme(rawValue: name) else { throw .unsupportedScheme(name) }
            scheme = parsed
            rest = rest[range.upperBound...]
        }
        let authorityEnd = rest.firstIndex(where: Self.endsAuthority) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard !authority.contains("@") else { throw .credentialsNotAllowed }
        var host = Substring(authority)
        var port = scheme == .http ? 80 : 443
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw .invalidHost(String(authority)) }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") {
                guard let value = Int(after.dropFirst()), (1...65535).contains(value) else { throw .invalidPort(String(after.dropFirst())) }
                port = value
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            let portText = authority[authority.index(after: colon)...]
            guard let value = Int(portText), (1...65535).contains(value) else { throw .invalidPort(String(portText)) }
            port = value
        }
        let hostText = host.lowercased()
        guard !hostText.isEmpty, hostText.count <= 253, hostText.allSatisfy(Self.isHostCharacter) else {
            throw .invalidHost(String(host))
        }
        var target = String(rest[authorityEnd...])
        if let fragment = target.firstIndex(of: "#") { target = String(target[..<fragment]) }
        if target.isEmpty || target.hasPrefix("?") { target = "/" + target }
        return NotifyURL(scheme: scheme, host: hostText, port: port, target: Self.encodeTarget(target))
    }

    private static func endsAuthority(_ character: Character) -> Bool {
        character == "/" || character == "?" || character == "#"
    }

    private static func isHostCharacter(_ character: Character) -> Bool {
        guard character.isASCII else { return false }
        return character.isLetter || character.isNumber || character == "." || character == "-" || character == ":"
    }

    /// Percent-encodes what may not appear raw on a request line (spaces, quotes, non-ASCII),
    /// leaving existing escapes and URL syntax alone.
    static func encodeTarget(_ target: String) -> String {
        PercentEncoding.encode(target, keeping: PercentEncoding.requestTarget)
    }

    /// The same URL with `target` replaced (a same-host redirect).
    func with(target: String) -> NotifyURL {
        NotifyURL(scheme: scheme, host: host, port: port, target: Self.encodeTarget(target))
    }
}

/// Percent-encoding (RFC 3986) with a chosen set of bytes kept as they are.
enum PercentEncoding {
    static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
    /// What may stand raw in a path and query, `%` included so existing escapes survive.
    static let requestTarget = unreserved.union("!$&'()*+,;=:@/?%".utf8)

    static func encode(_ text: String, keeping allowed: Set<UInt8>) -> String {
        var out = ""
        for byte in text.utf8 {
            if allowed.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
