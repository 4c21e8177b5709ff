/// A validated e-mail address (`local@domain`): no spaces, quotes, angle brackets or line breaks,
/// so it can never smuggle a header or an SMTP command.
public struct EmailAddress: Sendable, Hashable, CustomStringConvertible {
    public let value: String

    public enum Invalid: Error, Equatable, Sendable, CustomStringConvertible {
        case malformed(String)
        public var description: String {
            switch self {
            case .malformed(let text): return "'\(text.prefix(80))' is not a valid e-mail address"
            }
        }
    }

    public init(_ text: String) throws(Invalid) {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard text.utf8.count <= 254, parts.count == 2 else { throw .malformed(text) }
        let local = parts[0]
        let domain = parts[1]
        let localAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-")
        guard (1...64).contains(local.count), local.allSatisfy({ localAllowed.contains($0) }),
            !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..")
        else { throw .malformed(text) }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2,
            labels.allSatisfy({ label in
                (1...63).contains(label.count) && !label.hasPrefix("-") && !label.hasSuffix("-")
                    && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            })
        else { throw .malformed(text) }
        value = text
    }

    public var description: String { value }
    public var domain: String { String(value.split(separator: "@").last ?? "") }
}
