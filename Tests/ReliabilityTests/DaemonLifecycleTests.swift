import Foundation
import SessionStore
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Start-up and stop as a new operator meets them, with real processes.
@Suite("daemon lifecycle", .serialized, .timeLimit(.minutes(2)))
struct DaemonLifecycleTests {
    @Test("a port already taken ends the start at once (seconds, not retries), non-zero, naming the address")
    func portTaken() async throws {
        let port = try RawConnection.freePort()
        let holder = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(holder) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(holder, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(bound == 0 && listen(holder, 16) == 0)

        let started = ContinuousClock.now
        let daemon = try DaemonProcess.launch(port: port)
        let status = await daemon.exit(within: .seconds(5))
        let took = ContinuousClock.now - started
        #expect(status != nil && status != 0)
        // At once, not after retries: well under the 5 s it would take to give up retrying; a
        // loaded CI machine took 1.9 s just to start the process.
        #expect(took < .seconds(3), "took \(took)")
        #expect(daemon.log.contains("cannot listen on 127.0.0.1:\(port): Address already in use"), "\(daemon.log)")
        await daemon.stop()
    }

    @Test("a second daemon on the same state folder refuses to start, and the first keeps its admin socket")
    func oneInstancePerStateFolder() async throws {
        let first = try await DaemonProcess.start()
        let second = try DaemonProcess.launch(stateDirectory: first.stateDirectory)
        let status = await second.exit(within: .seconds(10))
        #expect(status != nil && status != 0)
        #expect(second.log.contains("another missedcalld (pid \(first.process.processIdentifier)) is running on the state folder"), "\(second.log)")
        #expect(FileManager.default.fileExists(atPath: first.adminSocket))
        #expect(try first.admin("GET", "/status").hasPrefix("HTTP/1.1 200"))
        await second.stop()
        #expect(await first.stop() == 0)
    }

    @Test("SIGTERM during start-up stops the daemon cleanly")
    func sigtermDuringStart() async throws {
        let daemon = try DaemonProcess.launch()
        // Start-up has begun once the state folder's lock is taken (before the store, the modems
        // and the servers); a signal before the process is even running would just end it.
        let lock = daemon.stateDirectory.appendingPathComponent("missedcalld.lock").path
        let deadline = ContinuousClock.now + .seconds(10)
        while !FileManager.default.fileExists(atPath: lock), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(1)) }
        kill(daemon.process.processIdentifier, SIGTERM)
        #expect(await daemon.exit(within: .seconds(20)) == 0, "\(daemon.log)")
        await daemon.stop()
    }

    @Test("SIGTERM during a call storm: exit 0, and every verified session has its notification in the outbox")
    func sigtermDuringCallStorm() async throws {
        let daemon = try await DaemonProcess.start()
        var sessions: [String] = []
        for index in 0..<20 {
            let mobile = "99201234\(String(format: "%02d", index))"
            sessions.append(try daemon.createSession(mobile: mobile, extra: "&notify=NA&e-notify=ops\(index)@example.com"))
        }
        for index in 0..<20 {
            // After the SIGTERM the admin socket goes away: later rings may fail, as they would for real.
            try? daemon.ring(from: "99201234\(String(format: "%02d", index))")
            try await Task.sleep(for: .milliseconds(40))
            if index == 12 { kill(daemon.process.processIdentifier, SIGTERM) }
        }
        #expect(await daemon.exit(within: .seconds(20)) == 0, "\(daemon.log)")
        let store = try await SQLiteStore.open(path: daemon.stateDirectory.appendingPathComponent("missedcall.sqlite").path)
        let verified = try await store.sessions(status: .verified, limit: 100).map(\.sid)
        let notified = Set(try await store.jobs(state: nil, limit: 1000).compactMap { CallEvent.decode($0.payload)?.sid })
        #expect(!verified.isEmpty)
        #expect(verified.allSatisfy(notified.contains), "verified without outbox rows: \(verified.filter { !notified.contains($0) })")
        #expect(Set(verified).isSubset(of: sessions))
        await store.close()
        await daemon.stop()
    }
}

@Suite("missedcalld's command line", .timeLimit(.minutes(1)))
struct CommandLineTests {
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = try DaemonProcess.binary()
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("MISSEDCALL_") && $0.key != "LOG_LEVEL" }
            .merging(environment) { $1 }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    @Test("when stderr is the journal (JOURNAL_STREAM names it) every log line starts with its syslog priority")
    func journalPriorities() async throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        let log = base.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        var info = stat()
        stat(log.path, &info)
        let process = Process()
        process.executableURL = try DaemonProcess.binary()
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("MISSEDCALL_") }
            .merging([
                "JOURNAL_STREAM": "\(info.st_dev):\(info.st_ino)", "MISSEDCALL_STATE_DIRECTORY": base.appendingPathComponent("state").path,
                "MISSEDCALL_HTTP_PORT": String(try RawConnection.freePort()), "MISSEDCALL_MODEMS_UDEV": "false",
            ]) { $1 }
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline, !((try? String(contentsOf: log, encoding: .utf8)) ?? "").contains("missedcalld started") {
            try await Task.sleep(for: .milliseconds(20))
        }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        #expect(lines.count >= 3 && lines.contains { $0.hasPrefix("<6>missedcalld: missedcalld started") })
        #expect(lines.allSatisfy { $0.range(of: #"^<[2-7]>"#, options: .regularExpression) != nil }, "\(lines)")
        #expect(process.terminationStatus == 0)
    }

    @Test("--version prints the version; --check-config prints the settings in force with secrets hidden, 0 when valid and 1 with the error")
    func versionAndCheckConfig() throws {
        let version = try Self.run(["--version"])
        #expect(version.status == 0 && version.output.split(separator: ".").count == 3)
        let good = try Self.run(["--check-config"], environment: ["MISSEDCALL_MODEMS_PIN": "4791", "MISSEDCALL_HTTP_PORT": "9999"])
        #expect(good.status == 0 && good.output.contains("http.port") && good.output.contains("9999") && !good.output.contains("4791"))
        #expect(good.output.contains("configuration is valid"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try #"{"prot": 8080}"#.write(to: file, atomically: true, encoding: .utf8)
        for arguments in [["--check-config", "--config", file.path], ["--config", file.path]] {
            let bad = try Self.run(arguments)
            #expect(bad.status == 1 && bad.error.hasPrefix("missedcalld: \(file.path): key 'prot': unknown key"), "\(bad.error)")
            #expect(bad.error.split(separator: "\n").count == 1)
        }
    }
}
