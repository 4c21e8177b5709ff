import CallbackDispatcher
import Foundation

/// Operator, circle, number type and DND status for callbacks, answered from memory.
///
/// - Original operator and number type come from `Resources/number-data.tsv`, generated from
///   libphonenumber's data (`scripts/generate-number-data.py`). Numbers are portable, so the
///   operator is the one first given the range, not necessarily today's.
/// - Indian telecom circles (and operator corrections) come only from the admin's CSV
///   (`prefix,operator,circle,type`); its rows win over the generated ones.
/// - DND has no public source: `Unknown` unless the admin imported a DND list.
public struct PrefixIntelligence: NumberIntelligence {
    struct Entry: Sendable {
        var operatorName: String?
        var circle: String?
        var type: String?
    }

    /// By E.164 digit prefix; the longest match wins.
    var entries: [String: Entry] = [:]
    var longestPrefix = 0
    /// Per calling code, in order: (type, anchored pattern).
    var patterns: [String: [(String, NSRegularExpression)]] = [:]
    /// `nil` when no list was imported.
    var dnd: Set<String>?

    public init(bundled: Bool = true, dataDirectory: String? = nil, adminPrefixesCSV: String? = nil, dndCSV: String? = nil) throws {
        if bundled, let url = Self.dataFile(configured: dataDirectory) {
            try load(generated: String(contentsOf: url, encoding: .utf8))
        }
        if let adminPrefixesCSV { try load(adminCSV: String(contentsOfFile: adminPrefixesCSV, encoding: .utf8)) }
        if let dndCSV { try load(dndCSV: String(contentsOfFile: dndCSV, encoding: .utf8)) }
    }

    /// Where the generated data is: `data.dir` (`MISSEDCALL_DATA_DIR`), the installed `<prefix>/share/missedcall`,
    /// or SwiftPM's resource folder beside the executable (development builds and tests). Looked up
    /// by hand: `Bundle.module` stops the process when its folder is missing.
    static func dataFile(configured: String?) -> URL? {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        var folders = [
            executable.deletingLastPathComponent().appendingPathComponent("share/missedcall"),
            executable.appendingPathComponent("missedcall_Gateway.resources"),
            executable.deletingLastPathComponent().appendingPathComponent("missedcall_Gateway.resources"),
        ]
        if let configured {
            folders.insert(URL(fileURLWithPath: configured), at: 0)
        }
        return folders.map { $0.appendingPathComponent("number-data.tsv") }.first { FileManager.default.fileExists(atPath: $0.path) }
    }

    mutating func load(generated text: String) throws {
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if fields.first == "P", fields.count == 3 {
                entries[fields[1], default: Entry()].operatorName = fields[2]
                longestPrefix = max(longestPrefix, fields[1].count)
            } else if fields.first == "T", fields.count == 4 {
                let regex = try NSRegularExpression(pattern: "^(?:" + fields[3] + ")$")
                patterns[fields[1], default: []].append((fields[2], regex))
            }
        }
    }

    /// `prefix,operator,circle,type` (a header line is allowed; empty fields keep the generated value).
    mutating func load(adminCSV text: String) throws {
        for line in text.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count >= 2 else { continue }
            let prefix = fields[0].filter(\.isNumber)
            guard !prefix.isEmpty else { continue }  // the header, or junk
            var entry = entries[prefix] ?? Entry()
            if !fields[1].isEmpty { entry.operatorName = fields[1] }
            if fields.count > 2, !fields[2].isEmpty { entry.circle = fields[2] }
            if fields.count > 3, !fields[3].isEmpty { entry.type = fields[3] }
            entries[prefix] = entry
            longestPrefix = max(longestPrefix, prefix.count)
        }
    }

    /// One number per line (E.164 digits, or `number,yes|no`).
    mutating func load(dndCSV text: String) throws {
        var listed = Set<String>()
        for line in text.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let first = fields.first else { continue }
            let digits = first.filter(\.isNumber)
            guard digits.count >= 8 else { continue }
            if fields.count > 1, fields[1].lowercased().hasPrefix("n") { continue }
            listed.insert(digits)
        }
        dnd = listed
    }

    public func facts(for e164: String) -> NumberFacts {
        let digits = String(e164.filter(\.isNumber))
        var facts = NumberFacts.unknown
        // Longest prefix first; each field is taken from the most specific entry that has it.
        var operatorFound = false
        var circleFound = false
        var typeFound = false
        for length in stride(from: min(longestPrefix, digits.count), through: 1, by: -1) {
            guard let entry = entries[String(digits.prefix(length))] else { continue }
            if !operatorFound, let name = entry.operatorName {
                facts.operatorName = name
                operatorFound = true
            }
            if !circleFound, let circle = entry.circle {
                facts.circle = circle
                circleFound = true
            }
            if !typeFound, let type = entry.type {
                facts.numberType = type
                typeFound = true
            }
        }
        if !typeFound { facts.numberType = numberType(digits) }
        if let dnd { facts.dndStatus = dnd.contains(digits) ? "Yes" : "No" }
        return facts
    }

    func numberType(_ digits: String) -> String {
        for (code, list) in patterns where digits.hasPrefix(code) {
            let national = String(digits.dropFirst(code.count))
            let range = NSRange(national.startIndex..., in: national)
            let matches = list.filter { $0.1.firstMatch(in: national, range: range) != nil }.map(\.0)
            if matches.contains("Mobile") && matches.contains("Fixed") { return "FixedOrMobile" }
            if let first = matches.first { return first }
        }
        return "Unknown"
    }
}
