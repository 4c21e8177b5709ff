import CallbackDispatcher
import Configuration
import Foundation
import ModemKit
import SessionStore
import SystemPackage

/// Every setting of `missedcalld`, with its default. Read from a JSON file (`--config PATH`) and
/// overridden by environment variables: key `http.port` ↔ `MISSEDCALL_HTTP_PORT`.
public struct GatewayConfiguration: Sendable {
    /// Where the SQLite file, the admin socket and the demo passkey live.
    public var stateDirectory: String = "var"
    public var httpHost: String = "127.0.0.1"
    public var httpPort: Int = 8080
    /// Connection and waiter caps, header and body timeouts of the public API (clamped at start
    /// to what the descriptor limit allows).
    public var httpLimits = HTTPLimits()
    /// The URL clients reach us by (behind a proxy: its https URL); `ImageUrl` is built on it.
    public var publicBaseURL: String?
    /// The operator's console on 127.0.0.1 at this port (0: any free one), besides the admin socket
    /// where it always is; `nil` (the default): no TCP listener. docs/operations/console.md.
    public var consolePort: Int?
    /// The admin API's Unix socket (mode 0660); default `<state>/missedcalld.sock`.
    public var adminSocket: String?
    /// Simulated modems to start (0 = none): each gets a verification number in the pool.
    public var simulatedModems: Int = 0
    /// The index of the first simulated modem (its number `+91 44 6694 94NN`): nodes of one cluster
    /// running simulated modems give each a range of its own.
    public var simulatedFirst: Int = 1
    /// How long a delivery claimed by a node's dispatcher is its own; a node that dies mid-delivery
    /// leaves the job to the others after it (a redelivery: the receiver may see it twice).
    public var deliveriesLeaseSeconds: Int = 120
    /// Serial devices of real modems, e.g. `/dev/ttyUSB2,/dev/ttyUSB5`; discovery adds udev's.
    public var modemDevices: [String] = []
    public var modemPIN: String?
    public var modemPollSeconds: Int = 30
    public var useUdev: Bool = true
    /// Watchdog, recovery ladder and self-test calls.
    public var modemHealth = ModemHealthSettings()
    /// The USB rung's seam; `nil` writes sysfs (`modemHealth.sysfsRoot`). Tests watch it here.
    public var usbAuthorizer: (any USBDeviceAuthorizer)?
    public var sessionLifetimeSeconds: Int = 120
    public var sessionsPerMobilePerHour: Int = 10
    public var sessionsPerIPPerMinute: Int = 120
    public var retentionDays: Int = 90
    /// CIDR networks webhooks may reach although not public (`127.0.0.0/8` for a local receiver).
    public var webhookAllowedNetworks: [String] = []
    public var webhookTimeoutSeconds: Int = 10
    /// Deliveries in flight at once, and to one destination (webhook host, SMTP relay).
    public var deliveriesInFlight: Int = 128
    public var deliveriesPerDestination: Int = 32
    /// Failed attempts in a row that open a destination's circuit, and its first cool-down.
    public var circuitFailures: Int = 5
    public var circuitCoolDownSeconds: Double = 5
    public var timeZone: String = "Asia/Kolkata"
    public var brand: String = "missedcall"
    public var emailFrom: String = "noreply@missedcall.localdomain"
    /// No SMTP host: e-mail jobs wait (and are retried) until one is configured.
    public var smtpHost: String?
    public var smtpPort: Int = 25
    public var smtpSecurity: String = "none"
    public var smtpUsername: String?
    public var smtpPassword: String?
    /// The admin's `prefix,operator,circle,type` CSV (Indian circles, operator corrections).
    public var prefixesCSV: String?
    /// The admin's DND list (one number per line); without it DNDStatus is `Unknown`.
    public var dndCSV: String?
    /// The passkey the early V2 `GetImageAPIV2.dvf` (which carries none) is billed to.
    public var earlyV2Passkey: String?
    /// trace, debug, info, notice, warning, error or critical (`LOG_LEVEL` too).
    public var logLevel: String = "info"
    /// Where `number-data.tsv` is, when not installed beside the binary (`data.dir`).
    public var dataDirectory: String?

    /// `sqlite` (one box, the file in the state folder) or `postgresql` (several nodes, one database).
    public var storeEngine: String = "sqlite"
    /// `postgresql://user@host:5432/db?tlsmode=require`; the password may come from `postgresPasswordFile`.
    public var postgresURL: String?
    public var postgresPasswordFile: String?
    /// This node's id in the cluster; default: the machine id's first 12 characters (or the host name).
    public var nodeID: String?
    /// How long a node's numbers stay allocatable after its last heartbeat (it beats every third).
    public var nodeLeaseSeconds: Int = 15

    public init() {}

    /// `node.id`, or one derived from `/etc/machine-id` (stable across restarts and re-installs of
    /// the package), or the host name.
    public var effectiveNodeID: String {
        if let nodeID, !nodeID.isEmpty { return nodeID }
        if let id = try? String(contentsOfFile: "/etc/machine-id", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines), id.count >= 12 {
            return String(id.prefix(12))
        }
        return ProcessInfo.processInfo.hostName
    }

    public var databasePath: String { stateDirectory + "/missedcall.sqlite" }
    /// The configured file, or the one `missedcallctl numbers import` wrote into the state folder.
    var effectivePrefixesCSV: String? {
        prefixesCSV ?? (FileManager.default.fileExists(atPath: stateDirectory + "/prefixes.csv") ? stateDirectory + "/prefixes.csv" : nil)
    }
    /// The bundled data with the admin's files on top.
    func loadIntelligence() throws -> PrefixIntelligence {
        try PrefixIntelligence(dataDirectory: dataDirectory, adminPrefixesCSV: effectivePrefixesCSV, dndCSV: effectiveDNDCSV)
    }

    var effectiveDNDCSV: String? {
        dndCSV ?? (FileManager.default.fileExists(atPath: stateDirectory + "/dnd.csv") ? stateDirectory + "/dnd.csv" : nil)
    }
    public var adminSocketPath: String { adminSocket ?? stateDirectory + "/missedcalld.sock" }
    public var baseURL: String { publicBaseURL ?? "http://\(httpHost):\(httpPort)" }

    /// Reads the file (if given) under the environment, after checking both against the schema:
    /// throws `ConfigurationError` (file or variable, key, what is allowed) on the first problem.
    public static func load(file: String?, environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> GatewayConfiguration {
        try ConfigurationValidator.validate(environment: environment)
        if let file {
            let contents: Data
            do {
                contents = try Data(contentsOf: URL(fileURLWithPath: file))
            } catch {
                throw ConfigurationError(source: file, key: nil, problem: "cannot be read: \((error as NSError).localizedDescription)")
            }
            try ConfigurationValidator.validate(file: file, contents: contents)
        }
        var variables: [String: String] = [:]
        for (name, value) in environment where name.hasPrefix("MISSEDCALL_") {
            variables[String(name.dropFirst("MISSEDCALL_".count))] = value
        }
        var providers: [any ConfigProvider] = [EnvironmentVariablesProvider(environmentVariables: variables)]
        if let file {
            providers.append(try await FileProvider<JSONSnapshot>(filePath: FilePath(file)))
        }
        var configuration = GatewayConfiguration(reader: ConfigReader(providers: providers))
        // LOG_LEVEL, the swift-log convention, when log.level is not set.
        if variables["LOG_LEVEL"] == nil, configuration.logLevel == GatewayConfiguration().logLevel, let level = environment["LOG_LEVEL"] {
            configuration.logLevel = level
        }
        return configuration
    }

    init(reader config: ConfigReader) {
        let d = GatewayConfiguration()
        stateDirectory = config.string(forKey: "state.directory", default: d.stateDirectory)
        httpHost = config.string(forKey: "http.host", default: d.httpHost)
        httpPort = config.int(forKey: "http.port", default: d.httpPort)
        publicBaseURL = config.string(forKey: "http.publicBaseURL")
        consolePort = config.int(forKey: "console.port")
        let l = d.httpLimits
        httpLimits.maxConnections = config.int(forKey: "http.maxConnections", default: l.maxConnections)
        httpLimits.headerTimeout = Self.seconds(config.double(forKey: "http.headerTimeoutSeconds"), l.headerTimeout)
        httpLimits.bodyTimeout = Self.seconds(config.double(forKey: "http.bodyTimeoutSeconds"), l.bodyTimeout)
        httpLimits.maxWaiters = config.int(forKey: "http.maxWaiters", default: l.maxWaiters)
        httpLimits.maxWaitersPerPasskey = config.int(forKey: "http.maxWaitersPerPasskey", default: l.maxWaitersPerPasskey)
        httpLimits.retryAfterSeconds = config.int(forKey: "http.retryAfterSeconds", default: l.retryAfterSeconds)
        adminSocket = config.string(forKey: "admin.socket")
        simulatedModems = config.int(forKey: "modems.simulated", default: d.simulatedModems)
        simulatedFirst = config.int(forKey: "modems.simulatedFirst", default: d.simulatedFirst)
        deliveriesLeaseSeconds = config.int(forKey: "deliveries.leaseSeconds", default: d.deliveriesLeaseSeconds)
        modemDevices = config.stringArray(forKey: "modems.devices", default: d.modemDevices)
        modemPIN = config.string(forKey: "modems.pin", isSecret: true)
        modemPollSeconds = config.int(forKey: "modems.pollSeconds", default: d.modemPollSeconds)
        useUdev = config.bool(forKey: "modems.udev", default: d.useUdev)
        let h = d.modemHealth
        modemHealth.probeInterval = Self.seconds(config.double(forKey: "modems.probeSeconds"), h.probeInterval)
        modemHealth.probeTimeout = Self.seconds(config.double(forKey: "modems.probeTimeoutSeconds"), h.probeTimeout)
        modemHealth.probeAttempts = config.int(forKey: "modems.probeAttempts", default: h.probeAttempts)
        modemHealth.registrationGrace = Self.seconds(config.double(forKey: "modems.registrationGraceSeconds"), h.registrationGrace)
        if let delays = config.doubleArray(forKey: "recovery.delaysSeconds"), !delays.isEmpty {
            modemHealth.recovery.delays = delays.map { .milliseconds(Int64($0 * 1000)) }
        }
        modemHealth.recovery.flapLimit = config.int(forKey: "recovery.flapLimit", default: h.recovery.flapLimit)
        modemHealth.recovery.flapWindow = Self.seconds(config.double(forKey: "recovery.flapWindowSeconds"), h.recovery.flapWindow)
        modemHealth.recovery.radioResetSettle = Self.seconds(config.double(forKey: "recovery.radioResetSettleSeconds"), h.recovery.radioResetSettle)
        modemHealth.recovery.usbSettle = Self.seconds(config.double(forKey: "recovery.usbSettleSeconds"), h.recovery.usbSettle)
        modemHealth.usbReset = config.bool(forKey: "recovery.usbReset", default: h.usbReset)
        modemHealth.selfTestInterval = Self.seconds(config.double(forKey: "selfTest.intervalSeconds"), h.selfTestInterval)
        modemHealth.selfTestTimeout = Self.seconds(config.double(forKey: "selfTest.timeoutSeconds"), h.selfTestTimeout)
        modemHealth.selfTestMissesAllowed = config.int(forKey: "selfTest.missesAllowed", default: h.selfTestMissesAllowed)
        sessionLifetimeSeconds = config.int(forKey: "sessions.lifetimeSeconds", default: d.sessionLifetimeSeconds)
        sessionsPerMobilePerHour = config.int(forKey: "limits.sessionsPerMobilePerHour", default: d.sessionsPerMobilePerHour)
        sessionsPerIPPerMinute = config.int(forKey: "limits.sessionsPerIPPerMinute", default: d.sessionsPerIPPerMinute)
        retentionDays = config.int(forKey: "store.retentionDays", default: d.retentionDays)
        webhookAllowedNetworks = config.stringArray(forKey: "webhooks.allowedNetworks", default: d.webhookAllowedNetworks)
        webhookTimeoutSeconds = config.int(forKey: "webhooks.timeoutSeconds", default: d.webhookTimeoutSeconds)
        deliveriesInFlight = config.int(forKey: "deliveries.inFlight", default: d.deliveriesInFlight)
        deliveriesPerDestination = config.int(forKey: "deliveries.perDestination", default: d.deliveriesPerDestination)
        circuitFailures = config.int(forKey: "deliveries.circuitFailures", default: d.circuitFailures)
        circuitCoolDownSeconds = config.double(forKey: "deliveries.circuitCoolDownSeconds", default: d.circuitCoolDownSeconds)
        timeZone = config.string(forKey: "timeZone", default: d.timeZone)
        brand = config.string(forKey: "email.brand", default: d.brand)
        emailFrom = config.string(forKey: "email.from", default: d.emailFrom)
        smtpHost = config.string(forKey: "smtp.host")
        smtpPort = config.int(forKey: "smtp.port", default: d.smtpPort)
        smtpSecurity = config.string(forKey: "smtp.security", default: d.smtpSecurity)
        smtpUsername = config.string(forKey: "smtp.username")
        smtpPassword = config.string(forKey: "smtp.password", isSecret: true)
        earlyV2Passkey = config.string(forKey: "compat.earlyV2Passkey", isSecret: true)
        prefixesCSV = config.string(forKey: "intelligence.prefixesCSV")
        dndCSV = config.string(forKey: "intelligence.dndCSV")
        logLevel = config.string(forKey: "log.level", default: d.logLevel)
        dataDirectory = config.string(forKey: "data.dir")
        storeEngine = config.string(forKey: "store.engine", default: d.storeEngine)
        postgresURL = config.string(forKey: "store.postgresql.url", isSecret: true)
        postgresPasswordFile = config.string(forKey: "store.postgresql.passwordFile")
        nodeID = config.string(forKey: "node.id")
        nodeLeaseSeconds = config.int(forKey: "node.leaseSeconds", default: d.nodeLeaseSeconds)
    }

    /// Every setting as in force, secrets masked, for `missedcalld --check-config`.
    public var effectiveSettings: [(key: String, value: String)] {
        func secret(_ value: String?) -> String { value == nil ? "(not set)" : "(set, hidden)" }
        func optional(_ value: String?) -> String { value ?? "(not set)" }
        func seconds(_ duration: Duration) -> String {
            let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
            return value == value.rounded() ? String(Int(value)) : String(value)
        }
        let h = modemHealth
        return [
            ("state.directory", stateDirectory), ("http.host", httpHost), ("http.port", String(httpPort)), ("http.publicBaseURL", baseURL),
            ("console.port", consolePort.map { "127.0.0.1:\($0)" } ?? "off (the admin socket only)"),
            ("http.maxConnections", String(httpLimits.maxConnections)), ("http.headerTimeoutSeconds", seconds(httpLimits.headerTimeout)),
            ("http.bodyTimeoutSeconds", seconds(httpLimits.bodyTimeout)), ("http.maxWaiters", String(httpLimits.maxWaiters)),
            ("http.maxWaitersPerPasskey", String(httpLimits.maxWaitersPerPasskey)), ("http.retryAfterSeconds", String(httpLimits.retryAfterSeconds)),
            ("admin.socket", adminSocketPath), ("modems.simulated", String(simulatedModems)), ("modems.devices", modemDevices.joined(separator: ",")),
            ("modems.pin", secret(modemPIN)), ("modems.pollSeconds", String(modemPollSeconds)), ("modems.udev", String(useUdev)),
            ("modems.probeSeconds", seconds(h.probeInterval)), ("modems.probeTimeoutSeconds", seconds(h.probeTimeout)),
            ("modems.probeAttempts", String(h.probeAttempts)), ("modems.registrationGraceSeconds", seconds(h.registrationGrace)),
            ("recovery.delaysSeconds", h.recovery.delays.map(seconds).joined(separator: ",")), ("recovery.flapLimit", String(h.recovery.flapLimit)),
            ("recovery.flapWindowSeconds", seconds(h.recovery.flapWindow)),
            ("recovery.radioResetSettleSeconds", seconds(h.recovery.radioResetSettle)),
            ("recovery.usbSettleSeconds", seconds(h.recovery.usbSettle)), ("recovery.usbReset", String(h.usbReset)),
            ("selfTest.intervalSeconds", seconds(h.selfTestInterval)), ("selfTest.timeoutSeconds", seconds(h.selfTestTimeout)),
            ("selfTest.missesAllowed", String(h.selfTestMissesAllowed)), ("sessions.lifetimeSeconds", String(sessionLifetimeSeconds)),
            ("limits.sessionsPerMobilePerHour", String(sessionsPerMobilePerHour)), ("limits.sessionsPerIPPerMinute", String(sessionsPerIPPerMinute)),
            ("store.retentionDays", String(retentionDays)), ("webhooks.allowedNetworks", webhookAllowedNetworks.joined(separator: ",")),
            ("webhooks.timeoutSeconds", String(webhookTimeoutSeconds)), ("deliveries.inFlight", String(deliveriesInFlight)),
            ("deliveries.perDestination", String(deliveriesPerDestination)), ("deliveries.circuitFailures", String(circuitFailures)),
            ("deliveries.circuitCoolDownSeconds", String(circuitCoolDownSeconds)), ("timeZone", timeZone), ("email.brand", brand),
            ("email.from", emailFrom), ("smtp.host", optional(smtpHost)), ("smtp.port", String(smtpPort)), ("smtp.security", smtpSecurity),
            ("smtp.username", optional(smtpUsername)), ("smtp.password", secret(smtpPassword)), ("compat.earlyV2Passkey", secret(earlyV2Passkey)),
            ("intelligence.prefixesCSV", optional(prefixesCSV)), ("intelligence.dndCSV", optional(dndCSV)), ("log.level", logLevel),
            ("data.dir", optional(dataDirectory)), ("store.engine", storeEngine),
            ("store.postgresql.url", postgresURL.map(PostgresConnector.redacted) ?? "(not set)"),
            ("store.postgresql.passwordFile", optional(postgresPasswordFile)), ("node.id", effectiveNodeID),
            ("node.leaseSeconds", String(nodeLeaseSeconds)), ("modems.simulatedFirst", String(simulatedFirst)),
            ("deliveries.leaseSeconds", String(deliveriesLeaseSeconds)),
        ]
    }

    private static func seconds(_ value: Double?, _ fallback: Duration) -> Duration {
        guard let value, value >= 0 else { return fallback }
        return .milliseconds(Int64(value * 1000))
    }

    var storeSettings: StoreSettings {
        var settings = StoreSettings()
        settings.sessionLifetime = .seconds(sessionLifetimeSeconds)
        settings.sessionsPerMobilePerHour = sessionsPerMobilePerHour
        settings.sessionsPerIPPerMinute = sessionsPerIPPerMinute
        settings.retentionDays = retentionDays
        settings.nodeID = effectiveNodeID
        settings.numberLease = .seconds(nodeLeaseSeconds)
        return settings
    }

    var dispatcherSettings: DispatcherSettings {
        var settings = DispatcherSettings(workerID: "\(effectiveNodeID)-\(ProcessInfo.processInfo.processIdentifier)", timeZone: zone)
        settings.maxConcurrent = max(1, deliveriesInFlight)
        settings.maxPerHost = max(1, min(deliveriesPerDestination, settings.maxConcurrent))
        settings.circuitFailures = max(1, circuitFailures)
        settings.lease = .seconds(deliveriesLeaseSeconds)
        settings.circuitCoolDown = .milliseconds(Int64(max(0.1, circuitCoolDownSeconds) * 1000))
        return settings
    }

    var addressPolicy: AddressPolicy {
        AddressPolicy(allowedNetworks: webhookAllowedNetworks.compactMap(IPNetwork.init))
    }

    var zone: TimeZone { TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC") ?? .current }
}
