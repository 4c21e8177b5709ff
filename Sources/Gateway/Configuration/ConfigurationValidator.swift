import CallbackDispatcher
import Foundation

/// Checks the configuration file and the `MISSEDCALL_*` environment against `ConfigurationSchema`
/// before the reader sees them. Pure: text in, the first problem out.
enum ConfigurationValidator {
    /// A JSON value as written, so that `5` and `"5"` and `true` stay apart.
    indirect enum JSONValue: Decodable {
        case bool(Bool)
        case integer(Int)
        case number(Double)
        case string(String)
        case array([JSONValue])
        case object([String: JSONValue])
        case null

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let value = try? container.decode(Bool.self) {
                self = .bool(value)
            } else if let value = try? container.decode(Int.self) {
                self = .integer(value)
            } else if let value = try? container.decode(Double.self) {
                self = .number(value)
            } else if let value = try? container.decode(String.self) {
                self = .string(value)
            } else if let value = try? container.decode([JSONValue].self) {
                self = .array(value)
            } else {
                self = .object(try container.decode([String: JSONValue].self))
            }
        }

        var shown: String {
            switch self {
            case .bool(let value): return String(value)
            case .integer(let value): return String(value)
            case .number(let value): return String(value)
            case .string(let value): return "\"\(value.prefix(40))\""
            case .array: return "a list"
            case .object: return "an object"
            case .null: return "null"
            }
        }
    }

    static func validate(file path: String, contents: Data) throws(ConfigurationError) {
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: contents)
        } catch {
            throw ConfigurationError(source: path, key: nil, problem: "not valid JSON: \(Self.syntaxError(in: contents))")
        }
        guard case .object(let object) = root else {
            throw ConfigurationError(source: path, key: nil, problem: "must be a JSON object of settings, like {\"http\": {\"port\": 8080}}")
        }
        for (key, value) in flatten(object, prefix: "").sorted(by: { $0.key < $1.key }) {
            guard let kind = ConfigurationSchema.keys[key] else {
                throw ConfigurationError(source: path, key: key, problem: unknown(key))
            }
            if let problem = check(value, against: kind) {
                throw ConfigurationError(source: path, key: key, problem: problem)
            }
        }
    }

    static func validate(environment: [String: String]) throws(ConfigurationError) {
        for (name, value) in environment.sorted(by: { $0.key < $1.key }) where name.hasPrefix("MISSEDCALL_") {
            guard let key = ConfigurationSchema.keysByEnvironmentName[name] else {
                let known = ConfigurationSchema.keysByEnvironmentName.keys.sorted()
                let near = known.min { distance($0, name) < distance($1, name) }
                throw ConfigurationError(
                    source: "environment",
                    key: name,
                    problem: "unknown variable" + (near.map { distance($0, name) <= 3 ? "; did you mean \($0)?" : "" } ?? "")
                )
            }
            if let problem = check(environmentValue: value, against: ConfigurationSchema.keys[key] ?? .string) {
                throw ConfigurationError(source: "environment", key: name, problem: problem)
            }
        }
        if let level = environment["LOG_LEVEL"], !ConfigurationSchema.logLevels.contains(level) {
            throw ConfigurationError(
                source: "environment",
                key: "LOG_LEVEL",
                problem: "\"\(level)\" is not \(ConfigurationSchema.Kind.choice(ConfigurationSchema.logLevels).expected)"
            )
        }
    }

    static func flatten(_ object: [String: JSONValue], prefix: String) -> [String: JSONValue] {
        var leaves: [String: JSONValue] = [:]
        // `"//": "..."` is a comment (JSON has none of its own): the shipped files explain themselves.
        for (name, value) in object where !name.hasPrefix("//") {
            let key = prefix.isEmpty ? name : prefix + "." + name
            if case .object(let nested) = value, ConfigurationSchema.keys[key] == nil {
                leaves.merge(flatten(nested, prefix: key)) { $1 }
            } else {
                leaves[key] = value
            }
        }
        return leaves
    }

    static func unknown(_ key: String) -> String {
        let near = ConfigurationSchema.keys.keys.min { distance($0, key) < distance($1, key) }
        if let near, distance(near, key) <= 3 { return "unknown key; did you mean '\(near)'?" }
        return "unknown key (the keys are in docs/operations/configuration.md)"
    }

    static func check(_ value: JSONValue, against kind: ConfigurationSchema.Kind) -> String? {
        let wrong = "expected \(kind.expected), got \(value.shown)"
        switch (kind, value) {
        case (.string, .string), (.secret, .string), (.boolean, .bool):
            return nil
        case (.integer(let range), .integer(let number)):
            return range.contains(number) ? nil : wrong
        case (.number(let range), .integer(let number)):
            return range.contains(Double(number)) ? nil : wrong
        case (.number(let range), .number(let number)):
            return range.contains(number) ? nil : wrong
        case (.strings, .array(let items)):
            return items.allSatisfy { if case .string = $0 { true } else { false } } ? nil : wrong
        case (.numbers, .array(let items)):
            return items.allSatisfy { if case .integer(let n) = $0 { n >= 0 } else if case .number(let n) = $0 { n >= 0 } else { false } }
                ? nil : wrong
        case (.networks, .array(let items)):
            for item in items {
                guard case .string(let text) = item else { return wrong }
                if IPNetwork(text) == nil { return "\"\(text)\" is not a CIDR network such as 127.0.0.0/8" }
            }
            return nil
        case (.choice(let values), .string(let text)):
            return values.contains(text) ? nil : "\"\(text)\" is not \(kind.expected)"
        case (.timeZone, .string(let text)):
            return TimeZone(identifier: text) == nil ? "\"\(text)\" is not \(kind.expected)" : nil
        default:
            return wrong
        }
    }

    static func check(environmentValue text: String, against kind: ConfigurationSchema.Kind) -> String? {
        let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        switch kind {
        case .string, .secret: return nil
        case .integer: return check(Int(text).map(JSONValue.integer) ?? .string(text), against: kind)
        case .number: return check(Double(text).map(JSONValue.number) ?? .string(text), against: kind)
        case .boolean: return ["true", "false"].contains(text) ? nil : "expected true or false, got \"\(text)\""
        case .strings: return nil
        case .numbers: return check(.array(items.map { Double($0).map(JSONValue.number) ?? .string($0) }), against: kind)
        case .networks: return check(.array(items.map(JSONValue.string)), against: kind)
        case .choice, .timeZone: return check(.string(text), against: kind)
        }
    }

    /// Where the JSON breaks, as a person looks for it: Foundation's parser names the character,
    /// turned here into a line and column.
    static func syntaxError(in contents: Data) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: contents)
            return "not a JSON object"
        } catch {
            let message = "\((error as NSError).userInfo[NSDebugDescriptionErrorKey] ?? error)"
            guard let range = message.range(of: #"character \d+"#, options: .regularExpression),
                let offset = Int(message[range].dropFirst("character ".count))
            else { return message }
            let before = contents.prefix(offset)
            let line = before.count { $0 == UInt8(ascii: "\n") } + 1
            let column = offset - (before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
            return message.replacingCharacters(in: range, with: "line \(line), column \(column)")
        }
    }

    /// Edit distance, for "did you mean".
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased())
        let b = Array(b.lowercased())
        var row = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in 1...max(1, b.count) where !b.isEmpty {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }
}
