import AdminContract
import CallbackDispatcher
import Crypto
import Foundation
import GatewayAPI
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import SessionStore
import Synchronization
import UnixSignals

#if canImport(Glibc)
import Glibc
#endif

/// The whole gateway in one process: store, dispatcher, modems, the public HTTP API and the admin
/// API on a Unix socket. `start` returns once everything listens; `stop` shuts down in order
/// (no new calls, in-flight deliveries finished, store closed).
public final class GatewayService: Sendable {
    public let configuration: GatewayConfiguration
    public let store: SQLGatewayStore
    public let dispatcher: CallbackDispatcher
    public let fleet: ModemFleet
    /// The simulated modems (none unless `modems.simulated`): the demo's and the tests' phones.
    public let simulated: SimulatedModems
    public let metrics: GatewayMetrics
    public let events: VerificationEvents
    let intelligence: ReloadableIntelligence
    let sender: WebhookSender
    let logger: Logger
    /// The public server's connections (caps, timeouts), for metrics.
    let connections: ConnectionRegistry
    let waiters: WaiterQuota
    /// Demo mode's passkey (the `/demo` page and the startup text).
    let demoPasskey: DemoPasskey
    let instance: InstanceLock
    let boundPort = Mutex<Int?>(nil)
    let consolePortBound = Mutex<Int?>(nil)
    /// Every part that runs until shutdown, in one group (see `services`), and the task that runs
    /// it and then closes the store: `wait()` and `stop()` await it.
    let group = Mutex<ServiceGroup?>(nil)
    let running = Mutex<Task<Void, Never>?>(nil)

    private init(
        configuration: GatewayConfiguration,
        store: SQLGatewayStore,
        dispatcher: CallbackDispatcher,
        fleet: ModemFleet,
        metrics: GatewayMetrics,
        sender: WebhookSender,
        intelligence: ReloadableIntelligence,
        connections: ConnectionRegistry,
        instance: InstanceLock,
        simulated: SimulatedModems,
        logger: Logger
    ) {
        self.simulated = simulated
        self.demoPasskey = DemoPasskey(store: store, stateDirectory: configuration.stateDirectory)
        self.instance = instance
        self.connections = connections
        self.waiters = WaiterQuota(total: connections.limits.maxWaiters, perPasskey: connections.limits.maxWaitersPerPasskey)
        self.intelligence = intelligence
        self.metrics = metrics
        self.events = fleet.events
        self.configuration = configuration
        self.store = store
        self.dispatcher = dispatcher
        self.fleet = fleet
        self.sender = sender
        self.logger = logger
    }

    /// The port the public API listens on (useful with `http.port` 0).
    public var httpPort: Int? { boundPort.withLock { $0 } }
    /// The console's loopback port, when `console.port` is set.
    public var consolePort: Int? { consolePortBound.withLock { $0 } }

    /// Opens the store, builds every part and starts the service group; returns once the public API
    /// and the admin socket listen, or throws why they cannot (`GatewayError.cannotListen`).
    /// `shutdownSignals` (SIGTERM and SIGINT for the daemon) start the graceful shutdown.
    public static func start(
        _ configuration: GatewayConfiguration,
        logger: Logger,
        shutdownSignals: [UnixSignal] = []
    ) async throws -> GatewayService {
        try PrivateFiles.makeFolder(configuration.stateDirectory)
        // Before anything touches the database or the admin socket.
        let instance = try InstanceLock.acquire(stateDirectory: configuration.stateDirectory)
        let store: SQLGatewayStore
        do {
            store = try await openStore(configuration, logger: logger)
        } catch {
            instance.release()
            throw error
        }
        let sender = WebhookSender(
            client: WebhookSender.makeClient(),
            policy: configuration.addressPolicy,
            timeout: .seconds(configuration.webhookTimeoutSeconds)
        )
        var email: (any EmailSending)?
        if let host = configuration.smtpHost {
            email = SMTPClient(
                settings: SMTPSettings(
                    host: host,
                    port: configuration.smtpPort,
                    security: SMTPSettings.Security(rawValue: configuration.smtpSecurity) ?? .none,
                    username: configuration.smtpUsername,
                    password: configuration.smtpPassword
                )
            )
        }
        let format = try MissedCallEmail(brand: configuration.brand, from: EmailAddress(configuration.emailFrom), timeZone: configuration.zone)
        let intelligence = ReloadableIntelligence(try configuration.loadIntelligence())
        let sms = FleetSMSSender()
        let dispatcher = CallbackDispatcher(
            store: store,
            settings: configuration.dispatcherSettings,
            webhook: sender,
            email: email,
            emailFormat: format,
            sms: sms,
            intelligence: intelligence,
            logger: logger
        )
        let metrics = GatewayMetrics()
        dispatcher.setObserver { [metrics] observation in metrics.delivery(observation) }
        store.setFunnelObserver { [metrics] stage, passkeyIDs in metrics.funnel(stage, passkeyIDs) }
        // A call's notifications are written claimed by this dispatcher and handed to it at once;
        // what an earlier process of this node had claimed (killed mid-delivery) is pending again.
        let claim = OutboxClaim(worker: configuration.dispatcherSettings.workerID, lease: configuration.dispatcherSettings.lease)
        store.inlineClaim.withLock { $0 = claim }
        let released = try await store.releaseClaims(ofEarlierWorkersOf: configuration.effectiveNodeID, current: claim.worker)
        if released > 0 { logger.notice("deliveries an earlier run had started are pending again", metadata: ["count": "\(released)"]) }
        let fleet = ModemFleet(
            store: store,
            dispatcher: dispatcher,
            metrics: metrics,
            events: VerificationEvents(),
            health: configuration.modemHealth,
            usb: configuration.usbAuthorizer,
            logger: logger
        )
        sms.attach(fleet)
        let intake = MissedCallIntake(
            store: store,
            dispatcher: dispatcher,
            events: fleet.events,
            metrics: metrics,
            signup: SignupLine(store: store, dispatcher: dispatcher, brand: configuration.brand, logger: logger),
            logger: logger
        )
        fleet.intake.withLock { $0 = intake }
        let simulated = SimulatedModems(fleet: fleet)
        try await simulated.start(
            count: configuration.simulatedModems,
            first: configuration.simulatedFirst,
            store: store,
            pollSeconds: configuration.modemPollSeconds
        )
        for device in configuration.modemDevices {
            fleet.add(devicePath: device, pollSeconds: configuration.modemPollSeconds, pin: configuration.modemPIN)
        }
        if configuration.useUdev {
            fleet.discover(pollSeconds: configuration.modemPollSeconds, pin: configuration.modemPIN)
        }
        let limits = configuration.httpLimitsInForce(logger: logger)
        let service = GatewayService(
            configuration: configuration,
            store: store,
            dispatcher: dispatcher,
            fleet: fleet,
            metrics: metrics,
            sender: sender,
            intelligence: intelligence,
            connections: ConnectionRegistry(limits: limits, logger: logger),
            instance: instance,
            simulated: simulated,
            logger: logger
        )
        try await service.run(shutdownSignals: shutdownSignals)
        return service
    }

    /// The services, in start order. A ServiceGroup shuts down in reverse order, one after the
    /// other: the servers first (no new requests; a long-poll still open after 5 s is cut off),
    /// then the SIGHUP reload, the self-test schedule, the hotplug consumer, the modems, the
    /// dispatcher (it finishes its deliveries in flight), the systemd notifier, the cluster
    /// listener, the node heartbeat (it takes this node's numbers out of allocation), the
    /// maintenance and, with SQLite, the WAL checkpoints; the store is closed after the group has
    /// ended.
    private func services(servers: [(server: any Service, address: String)]) -> [any Service] {
        let cluster = ClusterView(store: store, fleet: fleet)
        let runner = NodeCommandRunner(store: store, socketPath: configuration.adminSocketPath, logger: logger)
        return (store.engine == "sqlite" ? [CheckpointService(store: store)] : []) + [
            MaintenanceService(store: store, retentionDays: configuration.retentionDays),
            NodeService(store: store, cluster: cluster, version: MissedCallDaemon.version, logger: logger),
            ClusterListenerService(store: store, events: events, runner: runner),
            SystemdWatchdogService(fleet: fleet),
            DispatcherService(dispatcher: dispatcher),
            FleetService(fleet: fleet, sources: [simulated.stop]),
            HotplugService(fleet: fleet),
            SelfTestScheduler(fleet: fleet),
            ReloadService { [self] in reload() },
        ] + servers.map { ShutdownDeadline(server: $0.server, deadline: .seconds(5), address: $0.address) }
    }

    private func run(shutdownSignals: [UnixSignal]) async throws {
        // Both servers listening: the public API and the admin socket.
        let started = StartSignal(expecting: configuration.consolePort == nil ? 2 : 3)
        let servers = makeServers(started: started)
        var settings = ServiceGroupConfiguration(
            services: services(servers: servers).map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
            gracefulShutdownSignals: shutdownSignals,
            logger: logger
        )
        // Within the unit's TimeoutStopSec (45 s): what is still running then is cancelled.
        settings.maximumGracefulShutdownDuration = .seconds(30)
        let group = ServiceGroup(configuration: settings)
        self.group.withLock { $0 = group }
        let address = "\(configuration.httpHost):\(configuration.httpPort)"
        // Serving, or the reason it could not start (a port already taken), within the second.
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            started.wait(continuation)
            running.withLock {
                $0 = Task {
                    do {
                        try await group.run()
                    } catch {
                        let failure = error as? GatewayError ?? .cannotListen(address: address, reason: Self.reason(error))
                        started.finish(.failure(failure))
                        logger.error("service group ended", metadata: [LogKey.error: "\(error)"])
                    }
                    await self.close()
                }
            }
        }
    }

    /// After the group has ended: the webhook client, the store, the socket and the lock.
    private func close() async {
        await sender.shutdown()
        await store.close()
        unlink(configuration.adminSocketPath)
        instance.release()
    }

    private func makeServers(started: StartSignal) -> [(server: any Service, address: String)] {
        var api = CompatAPI(
            store: store,
            policy: configuration.addressPolicy,
            publicBaseURL: configuration.baseURL,
            earlyV2Passkey: configuration.earlyV2Passkey,
            intelligence: intelligence,
            images: DialingImage(brand: configuration.brand, window: .seconds(configuration.sessionLifetimeSeconds))
        )
        api.onSession = { [metrics] outcome in metrics.session(outcome) }
        let router = Router()
        router.add(middleware: RequestMetrics(metrics: metrics))
        router.add(middleware: ServerErrorLogging(logger: logger))
        router.add(middleware: BodySizeLimit(maxBytes: RESTAPI.maxBodyBytes))
        api.register(on: router)
        let rest = RESTAPI(store: store, policy: configuration.addressPolicy, publicBaseURL: configuration.baseURL, events: events, waiters: waiters)
        rest.register(on: router)
        WidgetAPI(rest: rest).register(on: router)
        APIReference.register(on: router)
        if configuration.simulatedModems > 0 {
            DemoPage(store: store, passkey: demoPasskey, simulated: simulated, rest: rest).register(on: router)
        }
        router.get("/health/live") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"status":"live"}"#)))
        }
        router.get("/metrics") { [self] _, _ -> Response in
            metrics.scrapeEdges(
                http: connections.counts,
                limits: connections.limits,
                waiters: waiters.waiting,
                destinations: dispatcher.destinations
            )
            let text = metrics.scrape(
                modems: fleet.reports,
                outbox: (try? await store.outboxDepth()) ?? [:],
                deliveries: dispatcher.outcomeCounts,
                pool: (try? await store.dialingNumbers()) ?? [],
                passkeys: (try? await store.passkeys()) ?? []
            )
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"], body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        router.get("/health/ready") { [self] _, _ -> Response in
            let storeOK = (try? await store.outboxDepth()) != nil
            // A modem in service: ready and healthy (not recovering, not quarantined). A node that
            // drives no modems (an API node of a cluster) is ready while some node's number is.
            let reports = fleet.reports
            let modemReady: Bool
            if reports.isEmpty && store.engine == "postgresql" {
                let now = Date()
                modemReady = (try? await store.dialingNumbers())?.contains { $0.enabled && $0.isAvailable(at: now) } ?? false
            } else {
                modemReady = reports.contains { $0.status.state == .ready && $0.health.condition == .healthy }
            }
            let ready = storeOK && modemReady
            return Response(status: ready ? .ok : .serviceUnavailable, body: .init(byteBuffer: ByteBuffer(string: ready ? "ready" : "not ready")))
        }
        // Past the cap the longest-idle connection makes room; the accept backstop a little above
        // it leaves the rest in the kernel's backlog instead of taking descriptors.
        let app = Application(
            router: router,
            server: .guardedHTTP1(registry: connections),
            configuration: .init(
                address: .hostname(configuration.httpHost, port: configuration.httpPort),
                serverName: "missedcalld",
                availableConnectionsDelegate: MaximumAvailableConnections(connections.limits.maxConnections + 64, logger: logger)
            ),
            onServerRunning: { [self] channel in
                boundPort.withLock { $0 = channel.localAddress?.port }
                started.finish(.success(()))
            },
            logger: logger
        )
        let cluster = ClusterView(store: store, fleet: fleet)
        var admin = AdminAPI(store: store, fleet: fleet, simulated: simulated, cluster: cluster) { [self] kind, csv, country in
            try importIntelligence(kind: kind, csv: csv, country: country)
        }
        admin.importDND = { [self] body, country in try await importDNDList(body, country: country) }
        let adminRouter = Router()
        adminRouter.add(middleware: ServerErrorLogging(logger: logger))
        adminRouter.add(middleware: ModemCommandRouting(cluster: cluster))
        admin.register(on: adminRouter)
        // The console: always on the admin socket, and on 127.0.0.1 with `console.port`.
        let access: ConsoleAccess
        do {
            access = try ConsoleAccess.load(stateDirectory: configuration.stateDirectory)
        } catch {
            logger.error("the console's secret could not be kept; a fresh one is used until restart", metadata: [LogKey.error: "\(error)"])
            access = ConsoleAccess(secret: SymmetricKey(size: .bits256))
        }
        ConsoleAPI(admin: admin, access: access, requireLogin: false).register(on: adminRouter)
        adminRouter.get("/console/login-key") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: access.loginKey + "\n")))
        }
        var servers: [(server: any Service, address: String)] = []
        if let port = configuration.consolePort {
            let consoleRouter = Router()
            consoleRouter.add(middleware: ServerErrorLogging(logger: logger))
            ConsoleAPI(admin: admin, access: access, requireLogin: true).register(on: consoleRouter)
            servers.append(
                (
                    Application(
                        router: consoleRouter,
                        configuration: .init(
                            address: .hostname("127.0.0.1", port: port),
                            serverName: "missedcalld-console",
                            availableConnectionsDelegate: MaximumAvailableConnections(HTTPLimits.adminConnections, logger: logger)
                        ),
                        onServerRunning: { [self] channel in
                            consolePortBound.withLock { $0 = channel.localAddress?.port }
                            started.finish(.success(()))
                        },
                        logger: logger
                    ),
                    "127.0.0.1:\(port)"
                )
            )
        }
        let socket = configuration.adminSocketPath
        unlink(socket)
        let adminApp = Application(
            router: adminRouter,
            configuration: .init(
                address: .unixDomainSocket(path: socket),
                serverName: "missedcalld-admin",
                availableConnectionsDelegate: MaximumAvailableConnections(HTTPLimits.adminConnections, logger: logger)
            ),
            onServerRunning: { _ in
                chmod(socket, 0o660)  // owner and group only: never world-writable, never TCP
                started.finish(.success(()))
            },
            logger: logger
        )
        return servers + [(adminApp, socket), (app, "\(configuration.httpHost):\(configuration.httpPort)")]
    }

    /// The configured engine's store: the SQLite file in the state folder, or the shared PostgreSQL.
    static func openStore(_ configuration: GatewayConfiguration, logger: Logger) async throws -> SQLGatewayStore {
        guard configuration.storeEngine == "postgresql" else {
            return try await SQLiteStore.open(
                path: configuration.databasePath,
                settings: configuration.storeSettings,
                logger: logger,
                checkpointsInBackground: false
            )
        }
        guard let url = configuration.postgresURL, !url.isEmpty else {
            throw GatewayError.cannotOpenStore(reason: "store.engine is postgresql but store.postgresql.url is not set", retryable: false)
        }
        var password: String?
        if let file = configuration.postgresPasswordFile {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw GatewayError.cannotOpenStore(reason: "cannot read store.postgresql.passwordFile \(file)", retryable: false)
            }
            password = text.trimmingCharacters(in: .newlines)
        }
        do {
            let connector = try PostgresConnector(
                url: url,
                password: password,
                eventLoop: MultiThreadedEventLoopGroup.singleton.any(),
                logger: logger
            )
            let store = try await PostgresStore.open(connector: connector, settings: configuration.storeSettings, logger: logger)
            logger.info(
                "store: PostgreSQL",
                metadata: ["url": "\(PostgresConnector.redacted(url))", "node": "\(configuration.effectiveNodeID)"]
            )
            return store
        } catch let failure as StoreFailure {
            throw GatewayError.cannotOpenStore(reason: failure.description, retryable: failure.retryable)
        }
    }

    /// The words of a bind failure (`Address already in use`), without the NIO call it came from.
    static func reason(_ error: any Error) -> String {
        if let error = error as? IOError { return String(cString: strerror(error.errnoCode)) }
        return "\(error)"
    }

    /// SIGHUP: reads the number-intelligence files (prefixes CSV, DND list) again. Other settings
    /// need a restart. A file that fails to load leaves the previous data in place.
    public func reload() {
        do {
            intelligence.replace(with: try configuration.loadIntelligence())
            logger.info("reloaded number intelligence")
        } catch {
            logger.error("reload failed; keeping the previous data", metadata: [LogKey.error: "\(error)"])
        }
    }

    /// `missedcallctl numbers import`: checks the prefix table row by row (`PrefixTableImport`),
    /// writes the accepted rows over the file and reloads. (DND lists stream in through
    /// `importDNDList`; a `dnd` kind here is the older whole-body form, kept for older CLIs.)
    func importIntelligence(kind: String, csv: String, country: Country = .IN) throws -> ImportReply {
        let path =
            kind == "dnd"
            ? configuration.dndCSV ?? configuration.stateDirectory + "/dnd.csv"
            : configuration.prefixesCSV ?? configuration.stateDirectory + "/prefixes.csv"
        var text = csv
        var reply = ImportReply(rows: csv.split(whereSeparator: \.isNewline).filter { !$0.isEmpty }.count)
        if kind != "dnd" {
            var table = PrefixTableImport(country: country)
            for (index, line) in csv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                table.feed(line, line: index + 1)
            }
            text = (["prefix,operator,circle,type"] + table.accepted).joined(separator: "\n") + "\n"
            reply = ImportReply(
                rows: table.accepted.count,
                rejected: table.rejected,
                firstRejects: table.firstRejects.map { ImportReject(line: $0.line, reason: $0.reason) }
            )
        }
        let temporary = path + ".new"
        try PrivateFiles.write(Data(text.utf8), to: temporary)
        _ = try PrefixIntelligence(bundled: false, adminPrefixesCSV: kind == "dnd" ? nil : temporary, dndCSV: kind == "dnd" ? temporary : nil)
        if rename(temporary, path) != 0 { throw PrivateFiles.Failure(step: "renaming onto", path: path, errno: errno) }
        reload()
        return reply
    }

    /// Graceful stop, as SIGTERM does: the services shut down in order (see `services`), then the
    /// store is closed. Returns when all is done.
    public func stop() async {
        await group.withLock({ $0 })?.triggerGracefulShutdown()
        await wait()
    }

    /// Returns when the gateway has stopped (a shutdown signal, or `stop()`).
    public func wait() async {
        await running.withLock({ $0 })?.value
    }
}

/// The servers' start, told once: all `expecting` running, or why one is not.
final class StartSignal: Sendable {
    private let state: Mutex<(continuation: CheckedContinuation<Void, any Error>?, waitingFor: Int)>

    init(expecting count: Int) {
        state = Mutex((nil, count))
    }

    func wait(_ continuation: CheckedContinuation<Void, any Error>) {
        state.withLock { $0.continuation = continuation }
    }

    func finish(_ result: Result<Void, any Error>) {
        let ready = state.withLock { state -> CheckedContinuation<Void, any Error>? in
            if case .success = result {
                state.waitingFor -= 1
                guard state.waitingFor <= 0 else { return nil }
            }
            defer { state.continuation = nil }
            return state.continuation
        }
        ready?.resume(with: result)
    }
}
