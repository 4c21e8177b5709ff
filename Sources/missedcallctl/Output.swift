import Foundation

/// Prints aligned tables for people, or the daemon's JSON as is for scripts (`--json`); every
/// reply is decoded as its `AdminContract` type first.
enum Output {
    static func table(_ headers: [String], _ rows: [[String]]) {
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        print(line(headers))
        for row in rows { print(line(row)) }
    }

    /// The one place a reply is shown: the daemon's JSON as it is with `--json`, else the reply
    /// decoded as the contract's type (`AdminContract`) and printed as a table of `row`s.
    static func show<Row: Decodable>(
        _ reply: AdminClient.Reply,
        json: Bool,
        as type: [Row].Type,
        headers: [String],
        row: (Row) -> [String]
    ) throws {
        if json { return self.json(reply.body) }
        table(headers, try reply.decode(type).map(row))
    }

    /// A date as the admin API sends it (ISO 8601, UTC).
    static func date(_ date: Date?) -> String {
        date.map { $0.formatted(.iso8601) } ?? "-"
    }

    static func json(_ data: Data) {
        if let object = try? JSONSerialization.jsonObject(with: data),
            let pretty = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        {
            print(String(decoding: pretty, as: UTF8.self))
        } else {
            print(String(decoding: data, as: UTF8.self))
        }
    }

    static func string(_ value: Any?) -> String {
        switch value {
        case nil, is NSNull: return "-"
        case let text as String: return text
        case let number as NSNumber:
            // JSON true/false arrive as NSNumber too; only the boolean kind ("c") reads as yes/no.
            if String(cString: number.objCType) == "c" { return number.boolValue ? "yes" : "no" }
            return number.stringValue
        default: return value.map { String(describing: $0) } ?? "-"
        }
    }

    /// One reply as `key: value` lines, once it has decoded as the contract's type (so a reply the
    /// CLI does not understand is said so, not half shown).
    static func details<Value: Decodable>(_ reply: AdminClient.Reply, as type: Value.Type) throws {
        _ = try reply.decode(type)
        details((reply.json as? [String: Any]) ?? [:])
    }

    /// `key: value` lines for one object, nested objects flattened with dots.
    static func details(_ object: [String: Any], prefix: String = "") {
        for key in object.keys.sorted() {
            if let nested = object[key] as? [String: Any] {
                details(nested, prefix: prefix + key + ".")
            } else {
                print("\(prefix)\(key): \(string(object[key]))")
            }
        }
    }
}
