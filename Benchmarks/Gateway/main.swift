import AsyncHTTPClient
import Foundation
import Gateway
import Logging
import LoopbackReceivers
import SessionStore
import Synchronization

// missedcalld benchmark, in one process on loopback (release build):
//   scripts/bench-gateway [seconds=10] [connections=64] [rings=300]
// BENCH_POSTGRES_URL=postgresql://… runs it on the PostgreSQL engine (scripts/bench-gateway
// --postgresql starts a throwaway durable server), and BENCH_NODES=2 adds a second node (no
// modems, its own store connections) in the same process: the load is split over both.
// 1. API.dvf (JSON) sessions created per second with durable commits at N connections, with p99,
//    and beside it a bare JSON route of the same server (/health/live), measured in the same run;
// 2. ring → webhook received through the daemon: simulated modem rings, ModemKit hangs up, the
//    store matches, the dispatcher delivers; p50/p99.
let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let seconds = arguments.first ?? 10
let connections = arguments.dropFirst().first ?? 64
let rings = arguments.dropFirst(2).first ?? 300

/// The load generator's client. `HTTPClient.shared` opens at most 8 connections per host, which
/// silently capped every earlier run of this benchmark at 8 requests in flight, whatever
/// `connections` said; this one opens as many as there are loops.
let loadClient: HTTPClient = {
    var configuration = HTTPClient.Configuration()
    configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(8, connections)
    return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
}()

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    return sorted[max(0, min(sorted.count - 1, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1))]
}

func ms(_ d: Duration) -> Double { Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15 }

/// The process's CPU time (user + system, all threads: server, writer and load generator), µs.
func processCPUMicroseconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let user = Double(usage.ru_utime.tv_sec) * 1e6 + Double(usage.ru_utime.tv_usec)
    return user + Double(usage.ru_stime.tv_sec) * 1e6 + Double(usage.ru_stime.tv_usec)
}

/// `connections` loops hitting `path(i)` for `seconds`; returns requests/s, p50, p99 (ms) and failures.
/// With several nodes the connections are spread over them (connection i → node i mod n).
func load(_ bases: [String], seconds: Int, connections: Int, path: @escaping @Sendable (Int) -> String) async -> (Double, Double, Double, Int) {
    let counter = Counter()
    let deadline = ContinuousClock.now + .seconds(seconds)
    let start = ContinuousClock.now
    let results = await withTaskGroup(of: ([Double], Int).self) { group in
        for connection in 0..<connections {
            let base = bases[connection % bases.count]
            group.addTask {
                var latencies: [Double] = []
                var failures = 0
                while ContinuousClock.now < deadline {
                    let index = counter.next()
                    let began = ContinuousClock.now
                    do {
                        let response = try await loadClient.execute(HTTPClientRequest(url: base + path(index)), timeout: .seconds(10))
                        _ = try await response.body.collect(upTo: 1 << 16)
                        if response.status.code != 200 { failures += 1 }
                    } catch {
                        failures += 1
                    }
                    latencies.append(ms(ContinuousClock.now - began))
                }
                return (latencies, failures)
            }
        }
        return await group.reduce(into: ([Double](), 0)) {
            $0.0 += $1.0
            $0.1 += $1.1
        }
    }
    let elapsed = ms(ContinuousClock.now - start) / 1000
    let sorted = results.0.sorted()
    return (Double(sorted.count) / elapsed, percentile(sorted, 50), percentile(sorted, 99), results.1)
}

final class Counter: Sendable {
    private let value = Atomic<Int>(0)
    func next() -> Int { value.wrappingAdd(1, ordering: .relaxed).oldValue }
}

func run() async throws {
    var logger = Logger(label: "bench")
    logger.logLevel = .error
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bench-gateway-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    var configuration = GatewayConfiguration()
    configuration.stateDirectory = directory.path
    configuration.httpPort = 0
    configuration.simulatedModems = 1
    configuration.sessionsPerIPPerMinute = .max
    configuration.sessionsPerMobilePerHour = .max
    configuration.webhookAllowedNetworks = ["127.0.0.0/8"]
    let environment = ProcessInfo.processInfo.environment
    if let url = environment["BENCH_POSTGRES_URL"], !url.isEmpty {
        configuration.storeEngine = "postgresql"
        configuration.postgresURL = url
        configuration.nodeID = "bench-a"
    }
    let service = try await GatewayService.start(configuration, logger: logger)
    var others: [GatewayService] = []
    if configuration.storeEngine == "postgresql", let count = environment["BENCH_NODES"].flatMap(Int.init), count > 1 {
        for index in 1..<count {
            var node = configuration
            node.stateDirectory = directory.path + "-node\(index)"
            node.simulatedModems = 0
            node.nodeID = "bench-\(index)"
            others.append(try await GatewayService.start(node, logger: logger))
        }
    }
    defer { for index in others.indices { try? FileManager.default.removeItem(atPath: directory.path + "-node\(index + 1)") } }
    let bases = (["http://127.0.0.1:\(service.httpPort ?? 0)"] + others.map { "http://127.0.0.1:\($0.httpPort ?? 0)" })
    let key = try await service.store.createPasskey(NewPasskey(label: "bench", dailyQuota: .max, ratePerMinute: .max)).token.canonical
    for _ in 0..<300 where (try await service.store.dialingNumbers().first?.online) != true { try await Task.sleep(for: .milliseconds(10)) }
    print(
        "missedcalld benchmark: \(configuration.storeEngine), \(bases.count) node(s), \(connections) connections, \(seconds) s per route, load generator in the same process (2 cores shared)"
    )

    // CPU per request (the whole process: both routes share the server, the client and the cores,
    // so the throughput ratio is about the inverse ratio of these when the cores are saturated).
    var cpu = processCPUMicroseconds()
    let bare = await load(bases, seconds: seconds, connections: connections) { _ in "/health/live" }
    let bareCPU = (processCPUMicroseconds() - cpu) / (bare.0 * Double(seconds))
    print(
        String(
            format: "  bare JSON route  : %7.0f requests/s  p50 %.2f ms  p99 %.2f ms  (%d failed)  CPU %.0f µs/request",
            bare.0,
            bare.1,
            bare.2,
            bare.3,
            bareCPU
        )
    )
    cpu = processCPUMicroseconds()
    let api = await load(bases, seconds: seconds, connections: connections) { index in
        "/Integ/API.dvf?mobile=\(7_000_000_000 + index)&passkey=\(key)&notify=NA&out=JSON"
    }
    let apiCPU = (processCPUMicroseconds() - cpu) / (api.0 * Double(seconds))
    print(String(format: "  API.dvf CPU      : %.0f µs/session = the bare route's + %.0f µs", apiCPU, apiCPU - bareCPU))
    print(
        String(
            format: "  API.dvf (JSON)   : %7.0f sessions/s  p50 %.2f ms  p99 %.2f ms  (%d failed)  = %.2f× the bare route",
            api.0,
            api.1,
            api.2,
            api.3,
            api.0 / bare.0
        )
    )

    // Ring → webhook, sequential.
    let receiver = try await HTTPReceiver.start()
    let number = try require(try await service.store.dialingNumbers().first?.number)
    var latencies: [Double] = []
    for index in 0..<rings {
        let mobile = "+91\(8_000_000_000 + index)"
        _ = try await service.store.createSession(NewSession(passkey: key, mobile: mobile, notifyURL: "http://127.0.0.1:\(receiver.port)/hook"))
        let before = receiver.requests.count
        let start = ContinuousClock.now
        try service.simulated.ring(from: mobile, to: number)
        guard await receiver.wait(forCount: before + 1, timeout: .seconds(10)) else { fatalError("webhook \(index) never arrived") }
        latencies.append(ms(receiver.requests[before].receivedAt - start))
    }
    latencies.sort()
    print(
        String(
            format: "  ring → webhook received (%d calls, through pty, ModemKit, store, dispatcher): p50 %.2f ms  p99 %.2f ms  max %.2f ms",
            rings,
            percentile(latencies, 50),
            percentile(latencies, 99),
            percentile(latencies, 100)
        )
    )
    await receiver.stop()
    try? await loadClient.shutdown()
    for other in others { await other.stop() }
    await service.stop()
}

func require<T>(_ value: T?) throws -> T {
    guard let value else { throw CocoaError(.featureUnsupported) }
    return value
}

try await run()
