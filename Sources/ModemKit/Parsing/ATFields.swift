/// Splits the value part of an AT information line on commas, honouring double quotes.
/// `"+9199",145,"",0` → `["+9199", "145", "", "0"]` with `quoted` marking which were quoted.
public struct ATFields: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        public var value: String
        public var quoted: Bool
    }

    public var fields: [Field]

    public init(_ text: some StringProtocol) {
        var fields: [Field] = []
        var current = ""
        var inQuotes = false
        var wasQuoted = false
        for character in text {
            if character == "\"" {
                // Padding before an opening quote (`+CMTI: "SM",3`) is not part of the value.
                if !inQuotes, !wasQuoted, current.allSatisfy({ $0 == " " }) { current = "" }
                inQuotes.toggle()
                wasQuoted = true
            } else if character == ",", !inQuotes {
                fields.append(Field(value: wasQuoted ? current : current.trimmingASCIIWhitespace(), quoted: wasQuoted))
                current = ""
                wasQuoted = false
            } else if inQuotes || !wasQuoted {
                // Text after a closing quote (`"abc" ,`) is padding and dropped.
                current.append(character)
            }
        }
        fields.append(Field(value: wasQuoted ? current : current.trimmingASCIIWhitespace(), quoted: wasQuoted))
        self.fields = fields
    }

    public var count: Int { fields.count }

    public subscript(index: Int) -> String? {
        index < fields.count ? fields[index].value : nil
    }

    public func int(_ index: Int) -> Int? {
        self[index].flatMap { Int($0) }
    }

    public func isQuoted(_ index: Int) -> Bool {
        index < fields.count && fields[index].quoted
    }

    /// The text after `prefix` in `line`, or `nil` when the line has another prefix.
    public static func value(of line: String, prefix: String) -> Substring? {
        guard line.hasPrefix(prefix) else { return nil }
        return line.dropFirst(prefix.count)
    }
}
