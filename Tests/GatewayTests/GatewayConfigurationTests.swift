import Foundation
import Testing

@testable import Gateway

@Suite("GatewayConfiguration")
struct GatewayConfigurationTests {
    @Test("health keys from the JSON file (integers and fractions) and the environment, defaults otherwise")
    func healthKeys() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try """
        {
          "modems": { "probeSeconds": 5, "probeTimeoutSeconds": 0.5, "probeAttempts": 4 },
          "recovery": { "delaysSeconds": [1, 2.5], "flapLimit": 6, "usbReset": false },
          "selfTest": { "timeoutSeconds": 20 }
        }
        """.write(to: file, atomically: true, encoding: .utf8)
        let configuration = try await GatewayConfiguration.load(
            file: file.path,
            environment: ["MISSEDCALL_SELF_TEST_INTERVAL_SECONDS": "3600", "MISSEDCALL_RECOVERY_FLAP_LIMIT": "7"]
        )
        let health = configuration.modemHealth
        #expect(health.probeInterval == .seconds(5))
        #expect(health.probeTimeout == .milliseconds(500))
        #expect(health.probeAttempts == 4)
        #expect(health.recovery.delays == [.seconds(1), .milliseconds(2500)])
        #expect(health.recovery.flapLimit == 7, "the environment wins")
        #expect(health.usbReset == false)
        #expect(health.selfTestInterval == .seconds(3600))
        #expect(health.selfTestTimeout == .seconds(20))
        #expect(health.registrationGrace == .seconds(180) && health.selfTestMissesAllowed == 2, "defaults")

        let defaults = try await GatewayConfiguration.load(file: nil, environment: [:]).modemHealth
        #expect(defaults.selfTestInterval == .zero, "self-test calls are off unless configured")
        #expect(defaults.recovery.delays == [.seconds(2), .seconds(10), .seconds(30), .seconds(60)])
    }
}

@Suite("Configuration that fails fast")
struct ConfigurationValidationTests {
    /// (the file's JSON, the environment, the error's words after the file or "environment")
    static let bad: [(String, [String: String], String)] = [
        (#"{"http": {"port": "abc"}}"#, [:], #"key 'http.port': expected an integer from 0 to 65535, got "abc""#),
        (#"{"http": {"port": 70000}}"#, [:], "key 'http.port': expected an integer from 0 to 65535, got 70000"),
        (#"{"http": {"prot": 8080}}"#, [:], "key 'http.prot': unknown key; did you mean 'http.port'?"),
        (#"{"modem": {"pin": "1234"}}"#, [:], "key 'modem.pin': unknown key; did you mean 'modems.pin'?"),
        (#"{"smtp": {"security": "STARTTLS"}}"#, [:], #"key 'smtp.security': "STARTTLS" is not one of none, starttls, tls"#),
        (#"{"timeZone": "Mars/Olympus"}"#, [:], #"key 'timeZone': "Mars/Olympus" is not a time zone name such as Asia/Kolkata or UTC"#),
        (#"{"log": {"level": "loud"}}"#, [:], #"key 'log.level': "loud" is not one of trace, debug, info, notice, warning, error, critical"#),
        (
            #"{"webhooks": {"allowedNetworks": ["10.0.0.0/33"]}}"#, [:],
            #"key 'webhooks.allowedNetworks': "10.0.0.0/33" is not a CIDR network such as 127.0.0.0/8"#
        ),
        (#"{"modems": {"udev": "yes"}}"#, [:], #"key 'modems.udev': expected true or false, got "yes""#),
        (#"{"recovery": {"delaysSeconds": [1, -2]}}"#, [:], "key 'recovery.delaysSeconds': expected a list of numbers of 0 or more, got a list"),
        ("{\n \"http\": {\n  \"port\": 80,,\n }\n}", [:], "not valid JSON: Invalid value around line 3, column 14."),
        ("[1]", [:], "must be a JSON object of settings"),
        ("{}", ["MISSEDCALL_HTTP_PROT": "1"], "key 'MISSEDCALL_HTTP_PROT': unknown variable; did you mean MISSEDCALL_HTTP_PORT?"),
        ("{}", ["MISSEDCALL_HTTP_PORT": "abc"], #"key 'MISSEDCALL_HTTP_PORT': expected an integer from 0 to 65535, got "abc""#),
        ("{}", ["LOG_LEVEL": "warn"], #"key 'LOG_LEVEL': "warn" is not one of trace, debug, info, notice, warning, error, critical"#),
        ("{}", ["MISSEDCALL_SMTP_SECURITY": "ssl"], #"key 'MISSEDCALL_SMTP_SECURITY': "ssl" is not one of none, starttls, tls"#),
    ]

    @Test("a bad configuration stops the start with one line naming the file or the environment, the key and what is allowed", arguments: bad)
    func refused(_ json: String, _ environment: [String: String], _ expected: String) async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try json.write(to: file, atomically: true, encoding: .utf8)
        do {
            _ = try await GatewayConfiguration.load(file: file.path, environment: environment)
            Issue.record("accepted: \(json) \(environment)")
        } catch let error as ConfigurationError {
            let source = environment.isEmpty ? file.path : "environment"
            #expect("\(error)".hasPrefix("\(source): \(expected)"), "\(error)")
            #expect(!"\(error)".contains("\n"))
        }
    }

    @Test("good settings load, and the log level comes from log.level or LOG_LEVEL")
    func accepted() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("good-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try #"{"http": {"port": 0, "headerTimeoutSeconds": 2.5}, "smtp": {"security": "starttls"}, "log": {"level": "debug"}}"#
            .write(to: file, atomically: true, encoding: .utf8)
        let configuration = try await GatewayConfiguration.load(file: file.path, environment: ["MISSEDCALL_MODEMS_SIMULATED": "2"])
        #expect(configuration.httpPort == 0 && configuration.httpLimits.headerTimeout == .milliseconds(2500))
        #expect(configuration.smtpSecurity == "starttls" && configuration.logLevel == "debug" && configuration.simulatedModems == 2)
        #expect(try await GatewayConfiguration.load(file: nil, environment: ["LOG_LEVEL": "trace"]).logLevel == "trace")
        let shown = try await GatewayConfiguration.load(file: nil, environment: ["MISSEDCALL_MODEMS_PIN": "4791", "MISSEDCALL_SMTP_PASSWORD": "pw"])
            .effectiveSettings
        #expect(shown.first { $0.key == "modems.pin" }?.value == "(set, hidden)")
        #expect(!shown.contains { $0.value.contains("4791") || $0.value == "pw" })
    }
}

@Suite("Configuration schema")
struct ConfigurationSchemaTests {
    @Test("--check-config shows exactly the keys the schema knows (the two lists cannot drift apart)")
    func effectiveSettingsCoverTheSchema() async throws {
        let shown = Set(try await GatewayConfiguration.load(file: nil, environment: [:]).effectiveSettings.map(\.key))
        #expect(shown == Set(ConfigurationSchema.keys.keys))
    }

    static var systemdFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("systemd")
    }

    /// Every key path in a JSON object, a `//name` comment key counted as the key it shows.
    static func paths(_ object: [String: Any], prefix: String = "") -> Set<String> {
        var found: Set<String> = []
        for (name, value) in object where name != "//" {
            let key = prefix + (name.hasPrefix("//") ? String(name.dropFirst(2)) : name)
            if let nested = value as? [String: Any], ConfigurationSchema.keys[key] == nil {
                found.formUnion(paths(nested, prefix: key + "."))
            } else {
                found.insert(key)
            }
        }
        return found
    }

    @Test("the commented example names every key the schema knows and is itself a valid configuration; so is the minimal default")
    func exampleConfiguration() async throws {
        for name in ["missedcalld.example.json", "missedcalld.json"] {
            let file = Self.systemdFolder.appendingPathComponent(name).path
            try ConfigurationValidator.validate(file: file, contents: try Data(contentsOf: URL(fileURLWithPath: file)))
            _ = try await GatewayConfiguration.load(file: file, environment: [:])
        }
        let example = try Data(contentsOf: Self.systemdFolder.appendingPathComponent("missedcalld.example.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: example) as? [String: Any])
        let named = Self.paths(object)
        #expect(
            Set(ConfigurationSchema.keys.keys).subtracting(named).isEmpty,
            "not in the example: \(Set(ConfigurationSchema.keys.keys).subtracting(named).sorted())"
        )
        #expect(named.subtracting(ConfigurationSchema.keys.keys).isEmpty, "not keys: \(named.subtracting(ConfigurationSchema.keys.keys).sorted())")
    }
}
