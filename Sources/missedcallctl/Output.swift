import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Prints aligned tables for people, or the daemon's JSON as is for scripts (`--json`); every
/// reply is decoded as its `AdminContract` type first.
enum Output {
    /// `--wide`: every column, whatever the terminal's width.
    static let wide = Atomic<Bool>(false)

    /// The terminal's width when standard output is one (`COLUMNS` first, as shells set it), else nil:
    /// a pipe or a file gets every column.
    static var terminalWidth: Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// Colour on a terminal, unless `NO_COLOR` is set (no-color.org).
    static var colours: Bool {
        isatty(STDOUT_FILENO) == 1 && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    }

    /// Words of state and health, coloured as a person reads them.
    static func colour(_ cell: String) -> String {
        let green: Set = ["ready", "healthy", "up", "passed", "delivered", "verified", "closed"]
        let red: Set = ["quarantined", "down", "dead", "missed", "open", "node-down", "failed"]
        let yellow: Set = ["initializing", "not-registered", "waiting-for-device", "stopped", "pending", "half-open", "expired", "disconnected"]
        let word = cell.split(separator: ":").first.map(String.init) ?? cell
        if green.contains(word) { return "\u{1B}[32m\(cell)\u{1B}[0m" }
        if red.contains(word) { return "\u{1B}[31m\(cell)\u{1B}[0m" }
        if yellow.contains(word) || word == "recovering" { return "\u{1B}[33m\(cell)\u{1B}[0m" }
        return cell
    }

    /// An aligned table. When it is wider than the terminal, columns go — those in `dropFirst`
    /// first, then from the right, never the first — until it fits, and a line says how many
    /// (`--wide` shows all).
    static func table(_ headers: [String], _ rows: [[String]], dropFirst: [String] = []) {
        var keep = Array(headers.indices)
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
        }
        func total(_ columns: [Int]) -> Int { columns.map { widths[$0] }.reduce(0, +) + 2 * max(0, columns.count - 1) }
        if !wide.load(ordering: .relaxed), let width = terminalWidth {
            let order = dropFirst.compactMap { headers.firstIndex(of: $0) } + headers.indices.reversed().filter { $0 != 0 }
            for column in order where total(keep) > width && keep.count > 1 {
                keep.removeAll { $0 == column }
            }
        }
        let paint = colours
        func line(_ cells: [String], header: Bool) -> String {
            keep.enumerated().map { position, index in
                let cell = index < cells.count ? cells[index] : ""
                let padded = position == keep.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
                return paint && !header && !cell.isEmpty ? padded.replacingOccurrences(of: cell, with: colour(cell)) : padded
            }.joined(separator: "  ")
        }
        print(line(headers, header: true))
        for row in rows { print(line(row, header: false)) }
        if keep.count < headers.count {
            let hidden = headers.indices.filter { !keep.contains($0) }.map { headers[$0] }
            print("(\(hidden.count) hidden: \(hidden.joined(separator: ", ")); --wide shows all)")
        }
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

    /// A time for people: local time to the second and how long ago or ahead
    /// (`2026-12-02 14:04:09 (3 min ago)`, `… (in 45 s)`); `--json` keeps the API's ISO 8601.
    static func date(_ date: Date?, now: Date = Date()) -> String {
        guard let date else { return "-" }
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        return formatter.string(from: date) + " (" + relative(date.timeIntervalSince(now)) + ")"
    }

    /// `45 s ago`, `3 min ago`, `2 h ago`, `in 2 d`, `now`.
    static func relative(_ seconds: TimeInterval) -> String {
        let magnitude = abs(seconds)
        guard magnitude >= 1 else { return "now" }
        let text =
            magnitude < 60
            ? "\(Int(magnitude)) s"
            : magnitude < 3600 ? "\(Int(magnitude / 60)) min" : magnitude < 172_800 ? "\(Int(magnitude / 3600)) h" : "\(Int(magnitude / 86_400)) d"
        return seconds < 0 ? text + " ago" : "in " + text
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
