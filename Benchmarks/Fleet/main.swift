import AdminContract
import AsyncHTTPClient
import Foundation
import LoopbackReceivers
import ModemSimulator
import NIOCore
import NIOHTTP1

#if canImport(Glibc)
import Glibc
#endif

// A fleet of modems on one box, measured from outside: the release `missedcalld` drives MODEMS
// simulated modems on real ptys, the simulator runs in a separate process (this program, started
// again as `FleetBenchmark simulate N`) so the daemon's CPU is its own, and this program is the
// app: it creates the sessions, paces the call storm through the simulator and receives the webhooks.
//
//   FleetBenchmark MODEMS CALLS_PER_SECOND SECONDS
//
// For 1, 8 and MODEMS modems, each at the same calls per second per modem (the storm scales with the
// fleet: CALLS_PER_SECOND at MODEMS), it prints the daemon's idle CPU and RSS, ring → hang-up as the
// simulator sees it (first ring byte written → hang-up command read, through the pty), ring → webhook
// received, calls lost and the daemon's CPU time per call; then ring → webhook with one modem ringing
// alone (one call at a time).

let arguments = CommandLine.arguments
if arguments.count >= 3, arguments[1] == "simulate", let count = Int(arguments[2]) {
    SimulatorProcess.run(modems: count)
}

/// Progress on stderr when BENCH_FLEET_TRACE is set.
func trace(_ text: String) {
    guard ProcessInfo.processInfo.environment["BENCH_FLEET_TRACE"] != nil else { return }
    FileHandle.standardError.write(Data("\(Date()) \(text)\n".utf8))
}

func monotonicNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
}

/// The child: N simulated modems, driven by lines on stdin, answering on stdout.
enum SimulatorProcess {
    /// Unbuffered: the parent waits for each line.
    static func emit(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func run(modems count: Int) -> Never {
        var modems: [SimulatedModem] = []
        for index in 0..<count {
            let profile = SimulatedProfile(
                flavor: .huawei,
                imei: String(format: "8610000000%05d", index),
                iccid: String(format: "89911012000000%05d", index)
            )
            guard let modem = try? SimulatedModem(profile: profile) else {
                emit("error: no pty for modem \(index)")
                exit(1)
            }
            modems.append(modem)
            emit("device \(modem.devicePath)")
        }
        emit("ready")
        var plan: [(modem: Int, caller: String)] = []
        while let line = readLine() {
            let words = line.split(separator: " ").map(String.init)
            switch words.first {
            case "call":
                // call MODEM CALLER: add to the plan
                if words.count == 3, let modem = Int(words[1]) { plan.append((modem, words[2])) }
            case "go":
                // go RATE: ring the plan paced at RATE calls/s, then say done
                let rate = Double(words.count > 1 ? words[1] : "1") ?? 1
                let start = monotonicNanoseconds()
                for (index, call) in plan.enumerated() {
                    let due = start + UInt64(Double(index) / rate * 1e9)
                    let now = monotonicNanoseconds()
                    if due > now { usleep(useconds_t((due - now) / 1000)) }
                    modems[call.modem].ring(from: call.caller)
                }
                emit("done")
            case "ring":
                // ring MODEM CALLER: one call now
                if words.count == 3, let modem = Int(words[1]) { modems[modem].ring(from: words[2]) }
                emit("rang")
            case "report":
                // every call: modem caller ringWrittenAt firstHangUpReadAt(0: none) answered
                for (index, modem) in modems.enumerated() {
                    for call in modem.calls {
                        emit("call \(index) \(call.caller ?? "-") \(call.ringWrittenAt) \(call.hangUpsReadAt.first ?? 0) \(call.answered ? 1 : 0)")
                    }
                }
                plan.removeAll()
                emit("end")
            case "quit":
                for modem in modems { modem.stop() }
                exit(0)
            default:
                break
            }
        }
        exit(0)
    }
}

/// The simulator child seen from here.
final class Simulator: @unchecked Sendable {
    let process = Process()
    let input = Pipe()
    let output = Pipe()
    var buffered = Data()
    var devices: [String] = []

    init(modems: Int) throws {
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["simulate", String(modems)]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        for line in try lines(until: "ready") where line.hasPrefix("device ") { devices.append(String(line.dropFirst(7))) }
    }

    func send(_ line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    /// Reads lines until `last` (blocking: called from a thread of its own or between phases).
    func lines(until last: String) throws -> [String] {
        var lines: [String] = []
        while true {
            if let newline = buffered.firstIndex(of: 0x0A) {
                let line = String(decoding: buffered[buffered.startIndex..<newline], as: UTF8.self)
                buffered = Data(buffered[(newline + 1)...])
                if line == last { return lines }
                if line.hasPrefix("error") { throw BenchError(line) }
                lines.append(line)
                continue
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { throw BenchError("the simulator ended") }
            buffered.append(chunk)
        }
    }

    struct Call {
        var modem: Int
        var caller: String
        var ringWrittenAt: UInt64
        var hangUpReadAt: UInt64
        var answered: Bool
    }

    func report() throws -> [Call] {
        send("report")
        return try lines(until: "end").compactMap { line in
            let f = line.split(separator: " ").map(String.init)
            guard f.count == 6, f[0] == "call", let modem = Int(f[1]), let ring = UInt64(f[3]), let hangUp = UInt64(f[4]) else { return nil }
            return Call(modem: modem, caller: f[2], ringWrittenAt: ring, hangUpReadAt: hangUp, answered: f[5] == "1")
        }
    }

    func stop() {
        send("quit")
        process.waitUntilExit()
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The daemon's CPU time (all threads, ns, from schedstat) and resident memory.
struct ProcessSample {
    static func cpuNanoseconds(_ pid: Int32) -> UInt64 {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.reduce(0) { total, task in
            let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/schedstat", encoding: .utf8)) ?? ""
            return total + (text.split(separator: " ").first.flatMap { UInt64($0) } ?? 0)
        }
    }

    static func rssMegabytes(_ pid: Int32) -> Double {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kb = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
        else { return 0 }
        return kb / 1024
    }

    static func threads(_ pid: Int32) -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []).count
    }
}

/// One missedcalld process with its own state folder, on the simulator's ptys.
final class Daemon: @unchecked Sendable {
    let process = Process()
    let directory: URL
    let port: Int
    let socket: String

    init(binary: String, devices: [String], port: Int) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("bench-fleet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        self.port = port
        socket = directory.appendingPathComponent("admin.sock").path
        let configuration: [String: Any] = [
            "state": ["directory": directory.path],
            "admin": ["socket": socket],
            "http": ["port": port, "maxWaiters": 4096],
            "modems": ["udev": false, "devices": devices, "simulated": 0],
            "limits": ["sessionsPerMobilePerHour": 1_000_000, "sessionsPerIPPerMinute": 1_000_000],
            "sessions": ["lifetimeSeconds": 3600],
            "webhooks": ["allowedNetworks": ["127.0.0.0/8"]],
            "log": ["level": "warning"],
        ]
        let file = directory.appendingPathComponent("missedcalld.json")
        try JSONSerialization.data(withJSONObject: configuration).write(to: file)
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--config", file.path]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        let log = directory.appendingPathComponent("daemon.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    func stop() {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }
}

let client = HTTPClient(eventLoopGroupProvider: .singleton)

func request(_ url: String, method: HTTPMethod = .GET, json: (any Encodable)? = nil) async throws -> (status: Int, body: Data) {
    var request = HTTPClientRequest(url: url)
    request.method = method
    if let json {
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(json)))
    }
    let response = try await client.execute(request, timeout: .seconds(30))
    let body = try await response.body.collect(upTo: 16 << 20)
    return (Int(response.status.code), Data(body.readableBytesView))
}

func admin(_ daemon: Daemon, _ path: String) -> String {
    "http+unix://\(daemon.socket.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")\(path)"
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p / 100).rounded(.up)) - (p == 0 ? 0 : 1))]
}

func freePort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
    _ = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// Starts a program with no signal blocked: Foundation's `Process` passes on this process's blocked
/// signals, and `perf` and `timeout` need SIGINT and SIGCHLD.
func spawnWithSignals(_ argv: [String]) throws -> pid_t {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
    var pid: pid_t = 0
    let cArguments = argv.map { strdup($0) } + [nil]
    defer { for argument in cArguments { free(argument) } }
    let result = posix_spawn(&pid, argv[0], nil, &attributes, cArguments, environ)
    guard result == 0 else { throw BenchError("cannot start \(argv[0]): \(result)") }
    return pid
}

/// Runs blocking work (pipe reads, process waits) off the cooperative pool.
func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

struct Phase {
    var modems: Int
    var rate: Double
    var idleCPU: Double = 0
    var idleRSS: Double = 0
    var threads = 0
    var hangUp: [Double] = []
    var webhook: [Double] = []
    var calls = 0
    var lost = 0
    var answered = 0
    var cpuPerCall: Double = 0
    var rssAfter: Double = 0
}

/// A fleet of `modems` started, sessions made, idle measured, `calls` rung at `rate`, measured.
func measure(binary: String, modems: Int, rate: Double, calls: Int, idleSeconds: Int, alone: Bool = false) async throws -> Phase {
    var phase = Phase(modems: modems, rate: rate)
    let simulator = try await blocking { try Simulator(modems: modems) }
    defer { simulator.stop() }
    let daemon = try Daemon(binary: binary, devices: simulator.devices, port: freePort())
    defer { daemon.stop() }
    let receiver = try await HTTPReceiver.start()
    defer { Task { await receiver.stop() } }

    trace("started")
    // Wait for the admin socket, then the pool: one number per modem, bound to its IMEI.
    var up = false
    for _ in 0..<300 {
        if (try? await request(admin(daemon, "/pool")))?.status == 200 {
            up = true
            break
        }
        try await Task.sleep(for: .milliseconds(50))
    }
    guard up else { throw BenchError("the daemon did not start: \(daemon.directory.path)/daemon.log") }
    var numberOfModem: [String: Int] = [:]
    for index in 0..<modems {
        let national = String(format: "044%08d", 60_000_000 + index)
        numberOfModem[national] = index
        let added = try await request(
            admin(daemon, "/pool"),
            method: .POST,
            json: PoolAddRequest(number: national, country: "IN", imei: String(format: "8610000000%05d", index))
        )
        guard added.status == 201 else { throw BenchError("pool add: \(added.status) \(String(decoding: added.body, as: UTF8.self))") }
    }
    let created = try await request(
        admin(daemon, "/passkeys"),
        method: .POST,
        json: PasskeyCreateRequest(label: "bench", quota: 100_000_000, rate: 100_000_000)
    )
    guard let object = try JSONSerialization.jsonObject(with: created.body) as? [String: Any], let passkey = object["passkey"] as? String else {
        throw BenchError("passkey create: \(created.status)")
    }
    // Every modem ready and its number online.
    var online = 0
    for _ in 0..<600 {
        let pool = try JSONDecoder.admin.decode([PoolEntry].self, from: try await request(admin(daemon, "/pool")).body)
        online = pool.filter { $0.online }.count
        if online == modems { break }
        try await Task.sleep(for: .milliseconds(100))
    }
    guard online == modems else { throw BenchError("only \(online) of \(modems) numbers came online") }

    trace("online")
    // Idle: connected, initialised, nothing happening (the watchdog's probes and polls run).
    try await Task.sleep(for: .seconds(2))
    let idleStart = (ProcessSample.cpuNanoseconds(daemon.pid), monotonicNanoseconds())
    try await Task.sleep(for: .seconds(idleSeconds))
    let idleEnd = (ProcessSample.cpuNanoseconds(daemon.pid), monotonicNanoseconds())
    phase.idleCPU = Double(idleEnd.0 - idleStart.0) / Double(idleEnd.1 - idleStart.1) * 100
    phase.idleRSS = ProcessSample.rssMegabytes(daemon.pid)
    phase.threads = ProcessSample.threads(daemon.pid)

    trace("idle measured")
    // Sessions first (the API's load is not the storm's), one per call, each caller its own mobile.
    let base = "http://127.0.0.1:\(daemon.port)"
    let notify = "http://127.0.0.1:\(receiver.port)/hook"
    var plan: [[(caller: String, sid: String)]] = Array(repeating: [], count: modems)
    for index in 0..<calls {
        let mobile = String(7_000_000_000 + index)
        let reply = try await request(
            "\(base)/Integ/API.dvf?mobile=\(mobile)&passkey=\(passkey)&notify=\(notify)&out=JSON"
        )
        guard let json = try JSONSerialization.jsonObject(with: reply.body) as? [String: Any], let sid = json["SessionId"] as? String,
            let node = json["VerificationNode"] as? String, let modem = numberOfModem[node]
        else { throw BenchError("session \(index): \(String(decoding: reply.body, as: UTF8.self))") }
        plan[modem].append(("+91" + mobile, sid))
    }
    trace("sessions made")
    // Round robin over the modems, so each modem's calls are spread over the storm.
    var order: [(modem: Int, caller: String, sid: String)] = []
    var cursor = Array(repeating: 0, count: modems)
    while order.count < calls {
        for modem in 0..<modems where cursor[modem] < plan[modem].count {
            order.append((modem, plan[modem][cursor[modem]].caller, plan[modem][cursor[modem]].sid))
            cursor[modem] += 1
        }
    }
    let sidOfCaller = Dictionary(uniqueKeysWithValues: order.map { ($0.caller, $0.sid) })

    // ContinuousClock ↔ CLOCK_MONOTONIC, to set webhook arrivals against the simulator's stamps.
    let (anchor, anchorMonotonic) = (ContinuousClock.now, monotonicNanoseconds())
    // BENCH_FLEET_PERF=FILE: `perf record -g` of the daemon during the storm, for `perf report`.
    var perf: pid_t?
    if !alone, let file = ProcessInfo.processInfo.environment["BENCH_FLEET_PERF"], !file.isEmpty {
        // For the storm's length, then SIGINT from `timeout`.
        let seconds = String(Int(Double(calls) / rate) + 2)
        perf = try spawnWithSignals([
            "/usr/bin/timeout", "-s", "INT", seconds, "/usr/bin/perf", "record", "-q", "-F", "4999", "-g", "-p", String(daemon.pid), "-o",
            "\(file).\(modems)",
        ])
        try await Task.sleep(for: .milliseconds(500))
    }
    trace("storm")
    let cpuBefore = ProcessSample.cpuNanoseconds(daemon.pid)
    let stormStart = monotonicNanoseconds()
    if alone {
        for call in order {
            let before = receiver.requests.count
            let line = "ring \(call.modem) \(call.caller)"
            _ = try await blocking {
                simulator.send(line)
                return try simulator.lines(until: "rang")
            }
            _ = await receiver.wait(forCount: before + 1, timeout: .seconds(10))
        }
    } else {
        for call in order { simulator.send("call \(call.modem) \(call.caller)") }
        let go = "go \(rate)"
        _ = try await blocking {
            simulator.send(go)
            return try simulator.lines(until: "done")
        }
    }
    _ = await receiver.wait(forCount: calls, timeout: .seconds(30))
    let cpuAfter = ProcessSample.cpuNanoseconds(daemon.pid)
    if let perf {
        _ = try await blocking {
            var status: Int32 = 0
            return waitpid(perf, &status, 0)
        }
    }
    let stormEnd = monotonicNanoseconds()
    phase.rssAfter = ProcessSample.rssMegabytes(daemon.pid)
    let idleRate = Double(idleEnd.0 - idleStart.0) / Double(idleEnd.1 - idleStart.1)
    let stormCPU = Double(cpuAfter - cpuBefore) - idleRate * Double(stormEnd - stormStart)
    phase.calls = calls
    phase.cpuPerCall = stormCPU / Double(calls) / 1000

    trace("webhooks in")
    // Webhooks by session id.
    var arrivedAt: [String: Double] = [:]
    for hook in receiver.requests {
        if let sid = hook.query["SID"] {
            let since = hook.receivedAt - anchor
            arrivedAt[sid] = Double(anchorMonotonic) / 1e6 + Double(since.components.seconds) * 1000 + Double(since.components.attoseconds) / 1e15
        }
    }
    let report = try await blocking { try simulator.report() }
    for call in report {
        if call.answered { phase.answered += 1 }
        guard call.hangUpReadAt > 0, let sid = sidOfCaller[call.caller], let arrived = arrivedAt[sid] else {
            phase.lost += 1
            continue
        }
        phase.hangUp.append(Double(call.hangUpReadAt - call.ringWrittenAt) / 1000)
        phase.webhook.append(arrived - Double(call.ringWrittenAt) / 1e6)
    }
    trace("reported")
    phase.lost += max(0, calls - report.count)
    phase.hangUp.sort()
    phase.webhook.sort()
    return phase
}

extension JSONDecoder {
    static var admin: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

func main() async throws {
    guard arguments.count >= 4, let fleet = Int(arguments[1]), let rate = Double(arguments[2]), let seconds = Int(arguments[3]), fleet >= 1,
        rate > 0, seconds >= 1
    else {
        print("usage: FleetBenchmark MODEMS CALLS_PER_SECOND SECONDS")
        exit(64)
    }
    // BENCH_FLEET_DAEMON: another missedcalld build to measure (an older commit, for "before").
    let binary =
        ProcessInfo.processInfo.environment["BENCH_FLEET_DAEMON"]
        ?? URL(fileURLWithPath: arguments[0]).deletingLastPathComponent().appendingPathComponent("missedcalld").path
    let perModem = rate / Double(fleet)
    print(
        String(
            format:
                "missedcalld fleet benchmark (release): %d modems at %.0f calls/s (%.2f per modem per s), %d s storms; simulator in its own process",
            fleet,
            rate,
            perModem,
            seconds
        )
    )
    print("modems  calls/s  idle CPU  idle RSS  threads  ring→hang-up p50 / p99 / max µs   ring→webhook p50 / p99 ms  lost  CPU/call  RSS after")
    var sizes = [1, 8, fleet].filter { $0 <= fleet }
    sizes = Array(Set(sizes)).sorted()
    for modems in sizes {
        let phaseRate = perModem * Double(modems)
        let calls = max(1, Int(phaseRate * Double(seconds)))
        let phase = try await measure(binary: binary, modems: modems, rate: phaseRate, calls: calls, idleSeconds: 10)
        print(
            String(
                format: "%6d  %7.1f  %7.2f%%  %6.1f MB  %7d  %8.0f / %6.0f / %6.0f          %7.2f / %6.2f        %4d  %6.0f µs  %6.1f MB",
                phase.modems,
                phase.rate,
                phase.idleCPU,
                phase.idleRSS,
                phase.threads,
                percentile(phase.hangUp, 50),
                percentile(phase.hangUp, 99),
                phase.hangUp.last ?? .nan,
                percentile(phase.webhook, 50),
                percentile(phase.webhook, 99),
                phase.lost,
                phase.cpuPerCall,
                phase.rssAfter
            )
        )
        if phase.answered > 0 { print("  !! \(phase.answered) calls answered") }
    }
    let alone = try await measure(binary: binary, modems: 1, rate: 1, calls: 200, idleSeconds: 1, alone: true)
    print(
        String(
            format:
                "one modem ringing alone (200 calls, one at a time): ring→hang-up p50 %.0f µs p99 %.0f µs; ring→webhook p50 %.2f ms p99 %.2f ms max %.2f ms; lost %d",
            percentile(alone.hangUp, 50),
            percentile(alone.hangUp, 99),
            percentile(alone.webhook, 50),
            percentile(alone.webhook, 99),
            alone.webhook.last ?? .nan,
            alone.lost
        )
    )
    try await client.shutdown()
}

try await main()
