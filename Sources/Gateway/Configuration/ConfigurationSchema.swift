import CallbackDispatcher
import Foundation

/// Every key `missedcalld` reads, with what it takes. The file and the `MISSEDCALL_*` environment
/// are checked against it before anything starts: an unknown key (`prot`), a wrong type
/// (`"port": "abc"`) or an unknown value (`smtp.security: "STARTTLS"`) stops the start with one
/// line naming the source, the key and what is allowed. Before this they were silently ignored or
/// replaced by defaults — a misspelt `smtp.security` sent the SMTP password in clear.
enum ConfigurationSchema {
    enum Kind: Equatable {
        case string
        case secret
        case integer(ClosedRange<Int>)
        case number(ClosedRange<Double>)
        case boolean
        case strings
        case numbers
        case choice([String])
        case timeZone
        case networks

        var expected: String {
            switch self {
            case .string, .secret: return "a string"
            case .integer(let range): return "an integer from \(range.lowerBound) to \(range.upperBound == .max ? "∞" : String(range.upperBound))"
            case .number(let range): return "a number from \(range.lowerBound) to \(range.upperBound == .infinity ? "∞" : String(range.upperBound))"
            case .boolean: return "true or false"
            case .strings: return "a list of strings"
            case .numbers: return "a list of numbers of 0 or more"
            case .choice(let values): return "one of \(values.joined(separator: ", "))"
            case .timeZone: return "a time zone name such as Asia/Kolkata or UTC"
            case .networks: return "a list of CIDR networks such as 127.0.0.0/8"
            }
        }
    }

    static let seconds = 0.0...Double.infinity
    static let positive = 1...Int.max
    static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

    static let keys: [String: Kind] = [
        "state.directory": .string,
        "http.host": .string, "http.port": .integer(0...65535), "http.publicBaseURL": .string,
        "http.maxConnections": .integer(positive), "http.headerTimeoutSeconds": .number(0.001...Double.infinity),
        "http.bodyTimeoutSeconds": .number(0.001...Double.infinity), "http.maxWaiters": .integer(positive),
        "http.maxWaitersPerPasskey": .integer(positive), "http.retryAfterSeconds": .integer(0...86_400),
        "admin.socket": .string,
        "modems.simulated": .integer(0...256), "modems.devices": .strings, "modems.pin": .secret,
        "modems.pollSeconds": .integer(positive), "modems.udev": .boolean, "modems.probeSeconds": .number(seconds),
        "modems.probeTimeoutSeconds": .number(seconds), "modems.probeAttempts": .integer(positive),
        "modems.registrationGraceSeconds": .number(seconds),
        "recovery.delaysSeconds": .numbers, "recovery.flapLimit": .integer(positive), "recovery.flapWindowSeconds": .number(seconds),
        "recovery.radioResetSettleSeconds": .number(seconds), "recovery.usbSettleSeconds": .number(seconds), "recovery.usbReset": .boolean,
        "selfTest.intervalSeconds": .number(seconds), "selfTest.timeoutSeconds": .number(seconds), "selfTest.missesAllowed": .integer(positive),
        "sessions.lifetimeSeconds": .integer(positive), "limits.sessionsPerMobilePerHour": .integer(positive),
        "limits.sessionsPerIPPerMinute": .integer(positive), "store.retentionDays": .integer(positive),
        "webhooks.allowedNetworks": .networks, "webhooks.timeoutSeconds": .integer(positive),
        "deliveries.inFlight": .integer(positive), "deliveries.perDestination": .integer(positive),
        "deliveries.circuitFailures": .integer(positive), "deliveries.circuitCoolDownSeconds": .number(0.1...Double.infinity),
        "timeZone": .timeZone, "email.brand": .string, "email.from": .string,
        "smtp.host": .string, "smtp.port": .integer(1...65535), "smtp.security": .choice(["none", "starttls", "tls"]),
        "smtp.username": .string, "smtp.password": .secret, "compat.earlyV2Passkey": .secret,
        "intelligence.prefixesCSV": .string, "intelligence.dndCSV": .string,
        "log.level": .choice(logLevels),
        "data.dir": .string,
        "store.engine": .choice(["sqlite", "postgresql"]), "store.postgresql.url": .secret,
        "store.postgresql.passwordFile": .string, "node.id": .string, "node.leaseSeconds": .integer(3...3600),
        "modems.simulatedFirst": .integer(1...99), "deliveries.leaseSeconds": .integer(2...86_400),
        "console.port": .integer(0...65535),
    ]

    /// The environment variable of a key, as swift-configuration names it: camelCase words split,
    /// upper case, `MISSEDCALL_` in front (`selfTest.intervalSeconds` → `MISSEDCALL_SELF_TEST_INTERVAL_SECONDS`).
    static func environmentName(_ key: String) -> String {
        "MISSEDCALL_"
            + key.split(separator: ".").map { component -> String in
                var text = ""
                var previous: Character?
                for character in component {
                    if let previous, previous.isLowercase, character.isUppercase { text.append("_") }
                    text.append(character)
                    previous = character
                }
                return String(text.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
            }.joined(separator: "_")
    }

    static let keysByEnvironmentName: [String: String] = Dictionary(uniqueKeysWithValues: keys.keys.map { (environmentName($0), $0) })
}

/// A configuration the daemon will not start with: where (the file or the environment), which key,
/// and what is wrong. Never retried: the file has to change.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable, Sendable {
    public var source: String
    public var key: String?
    public var problem: String

    public var description: String {
        if let key { return "\(source): key '\(key)': \(problem)" }
        return "\(source): \(problem)"
    }
}
