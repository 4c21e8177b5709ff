/// A flat JSON object with its keys in the order given: the original service's responses are
/// compared by eye and by fragile clients, so the order is kept as documented.
public struct OrderedJSON: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case string(String)
        case int(Int)
    }

    public var pairs: [(String, Value)]

    public static func == (lhs: OrderedJSON, rhs: OrderedJSON) -> Bool {
        lhs.pairs.map(\.0) == rhs.pairs.map(\.0) && lhs.pairs.map(\.1) == rhs.pairs.map(\.1)
    }

    public init(_ pairs: [(String, Value)]) {
        self.pairs = pairs
    }

    public var text: String {
        "{" + pairs.map { "\(Self.quote($0.0)):\(Self.render($0.1))" }.joined(separator: ",") + "}"
    }

    static func render(_ value: Value) -> String {
        switch value {
        case .string(let text): return quote(text)
        case .int(let number): return String(number)
        }
    }

    /// JSON string escaping; `/` is escaped as `\/` as the original's PHP encoder did.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "/": out += "\\/"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension String {
    func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
