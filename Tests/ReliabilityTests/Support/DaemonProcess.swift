import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A real `missedcalld` process: simulated modems, SQLite in a temporary state folder, the public
/// API on a free loopback port, under the umask and descriptor limit a test asks for.
final class DaemonProcess: @unchecked Sendable {
    let process: Process
    let stateDirectory: URL
    let logs: URL
    let port: Int
    let arguments: Arguments

    struct Arguments: Sendable {
        var umask = "022"
        /// `prlimit --nofile=N:N` (soft and hard), nil for the inherited limit.
        var descriptors: Int? = nil
        var simulatedModems = 1
        var logLevel = "info"
        var environment: [String: String] = [:]
        /// Wait for the demo passkey and pool (a node without simulated modems has neither).
        var waitForDemo = true
    }

    static func binary(_ name: String = "missedcalld") throws -> URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
        let found = [folder, folder.deletingLastPathComponent()].map { $0.appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
        return try #require(found, "\(name) not built; run `swift build --build-tests`")
    }

    /// Starts the daemon and waits until `/health/live` answers and the demo passkey is written.
    static func start(_ arguments: Arguments = Arguments(), stateDirectory existing: URL? = nil) async throws -> DaemonProcess {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("reliability-\(UUID().uuidString)")
        let state = existing ?? base.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        let port = try RawConnection.freePort()
        let daemon = DaemonProcess(
            process: Process(),
            stateDirectory: state,
            logs: base,
            port: port,
            arguments: arguments
        )
        try daemon.launch()
        try await daemon.waitUntilLive()
        return daemon
    }

    private init(process: Process, stateDirectory: URL, logs: URL, port: Int, arguments: Arguments) {
        self.process = process
        self.stateDirectory = stateDirectory
        self.logs = logs
        self.port = port
        self.arguments = arguments
    }

    /// Launches without waiting for it to come up (start-up faults, SIGTERM during start-up).
    static func launch(_ arguments: Arguments = Arguments(), stateDirectory existing: URL? = nil, port: Int? = nil) throws -> DaemonProcess {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("reliability-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        let daemon = DaemonProcess(
            process: Process(),
            stateDirectory: existing ?? base.appendingPathComponent("state"),
            logs: base,
            port: try port ?? RawConnection.freePort(),
            arguments: arguments
        )
        try daemon.launch()
        return daemon
    }

    /// Waits for the process to end by itself; its exit status, or nil if it still runs after `timeout`.
    func exit(within timeout: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(5)) }
        return process.isRunning ? nil : process.terminationStatus
    }

    private func launch() throws {
        let binary = try Self.binary().path
        let limit = arguments.descriptors.map { "prlimit --nofile=\($0):\($0) " } ?? ""
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "umask \(arguments.umask); exec \(limit)\"$0\"", binary]
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("MISSEDCALL_") }
        environment["MISSEDCALL_STATE_DIRECTORY"] = stateDirectory.path
        environment["MISSEDCALL_HTTP_PORT"] = String(port)
        environment["MISSEDCALL_MODEMS_SIMULATED"] = String(arguments.simulatedModems)
        environment["MISSEDCALL_MODEMS_UDEV"] = "false"
        environment["LOG_LEVEL"] = arguments.logLevel
        for (key, value) in arguments.environment { environment[key] = value }
        process.environment = environment
        _ = FileManager.default.createFile(atPath: logs.appendingPathComponent("stdout").path, contents: nil)
        _ = FileManager.default.createFile(atPath: logs.appendingPathComponent("stderr").path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: logs.appendingPathComponent("stdout"))
        process.standardError = try FileHandle(forWritingTo: logs.appendingPathComponent("stderr"))
        try process.run()
    }

    func waitUntilLive(timeout: Duration = .seconds(30)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            try #require(process.isRunning, "missedcalld exited: \(log)")
            if (try? live()) == true,
                !arguments.waitForDemo
                    || (FileManager.default.fileExists(atPath: stateDirectory.appendingPathComponent("demo-passkey").path) && poolNumber != nil)
            {
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("missedcalld did not come up: \(log)")
        throw CancellationError()
    }

    /// `GET /health/live` answered 200 on a new connection.
    func live(timeout: Duration = .seconds(5)) throws -> Bool {
        try RawConnection.request(port: port, "GET /health/live HTTP/1.0\r\nHost: t\r\n\r\n", timeout: timeout).hasPrefix("HTTP/1.1 200")
    }

    var passkey: String {
        get throws {
            try String(contentsOf: stateDirectory.appendingPathComponent("demo-passkey"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// The first verification number, from the demo text on stdout.
    var poolNumber: String? {
        let text = (try? String(contentsOf: logs.appendingPathComponent("stdout"), encoding: .utf8)) ?? ""
        guard let line = text.split(separator: "\n").first(where: { $0.contains("pool: ") }) else { return nil }
        return line.components(separatedBy: "pool: ").last?.components(separatedBy: ",").first?.trimmingCharacters(in: .whitespaces)
    }

    var log: String { (try? String(contentsOf: logs.appendingPathComponent("stderr"), encoding: .utf8)) ?? "" }
    var adminSocket: String { stateDirectory.appendingPathComponent("missedcalld.sock").path }

    /// A request to the admin API over its Unix socket; the response as text.
    func admin(_ method: String, _ pathAndQuery: String, body: String = "", timeout: Duration = .seconds(10)) throws -> String {
        let connection = try RawConnection.unix(path: adminSocket)
        connection.send(
            "\(method) \(pathAndQuery) HTTP/1.1\r\nHost: admin\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
        )
        return connection.readToEnd(timeout: timeout).text
    }

    /// The JSON body of an admin reply.
    func adminJSON(_ method: String, _ pathAndQuery: String, body: String = "") throws -> Any? {
        let reply = try admin(method, pathAndQuery, body: body)
        let text = reply.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        return try? JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    /// A missed call from `mobile` to the pool number, through the simulated network.
    func ring(from mobile: String) throws {
        let number = try #require(poolNumber)
        let reply = try admin("POST", "/simulate/call?from=\(mobile)&to=\(number)")
        guard reply.hasPrefix("HTTP/1.1 200") else { throw Refused(what: "simulate call", reply: reply) }
    }

    struct Refused: Error {
        var what: String
        var reply: String
    }

    /// A session by the compat API; its SessionId.
    func createSession(mobile: String, extra: String = "&notify=NA") throws -> String {
        let reply = try RawConnection.request(
            port: port,
            "GET /Integ/API.dvf?mobile=\(mobile)&passkey=\(try passkey)\(extra)&out=JSON HTTP/1.0\r\nHost: t\r\n\r\n"
        )
        let body = reply.components(separatedBy: "\r\n\r\n").dropFirst().joined()
        let json = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        return try #require(json?["SessionId"] as? String, "API.dvf: \(reply)")
    }

    func status(of sid: String) throws -> String? {
        let reply = try RawConnection.request(port: port, "GET /Integ/UserLayer/DataFeed_APIV2.dvf?SID=\(sid) HTTP/1.0\r\nHost: t\r\n\r\n")
        let body = reply.components(separatedBy: "\r\n\r\n").dropFirst().joined()
        return (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?["VerificationStatus"] as? String
    }

    func waitForStatus(_ sid: String, _ status: String, timeout: Duration = .seconds(10)) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try self.status(of: sid) == status { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    /// The daemon's open descriptors now.
    var openDescriptors: Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(process.processIdentifier)/fd").count) ?? -1
    }

    /// SIGTERM, and the exit status once it has stopped.
    @discardableResult
    func stop(removeFiles: Bool = true) async -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        let deadline = ContinuousClock.now + .seconds(20)
        while process.isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        if removeFiles { try? FileManager.default.removeItem(at: logs) }
        return process.terminationStatus
    }
}
