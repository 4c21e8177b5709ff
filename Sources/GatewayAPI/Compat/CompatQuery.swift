/// Reads a Dial2Verify query string the way years-old clients write it: parameters in any order,
/// names in any case, unencoded `$` and `@`, and unencoded notify URLs whose own `&` would split
/// them (`notify=http://crm/hook?a=1&b=2`): a piece whose name is not one of the endpoint's is
/// glued back onto the value before it. `%XX` escapes are decoded; `+` is kept as a plus, because
/// clients send `+91...` numbers raw.
public struct CompatQuery: Sendable, Equatable {
    public private(set) var values: [String: String]

    public init(_ raw: String?, knownNames: Set<String>) {
        var values: [String: String] = [:]
        var last: String?
        for piece in (raw ?? "").split(separator: "&", omittingEmptySubsequences: false) {
            let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).lowercased()
            if knownNames.contains(name) {
                values[name] = parts.count > 1 ? Self.decode(String(parts[1])) : ""
                last = name
            } else if let previous = last, !piece.isEmpty {
                values[previous, default: ""] += "&" + Self.decode(String(piece))
            }
        }
        self.values = values
    }

    public subscript(_ name: String) -> String? {
        values[name.lowercased()]
    }

    /// The value, or `nil` when absent or blank.
    public func nonEmpty(_ name: String) -> String? {
        guard let value = values[name.lowercased()]?.trimmingSpaces(), !value.isEmpty else { return nil }
        return value
    }

    /// Percent-decodes valid `%XX` escapes and leaves everything else as it is.
    static func decode(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var view = Substring(self)
        while let first = view.first, first == " " { view.removeFirst() }
        while let last = view.last, last == " " { view.removeLast() }
        return String(view)
    }
}
