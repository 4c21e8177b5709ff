import Foundation
import SessionStore
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Start-up and stop as a new operator meets them, with real processes.
@Suite("daemon lifecycle", .serialized, .timeLimit(.minutes(2)))
struct DaemonLifecycleTests {
    @Test("a port already taken ends the start within a second, non-zero, naming the address")
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
        #expect(took < .seconds(1), "took \(took)")
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
        try await Task.sleep(for: .milliseconds(30))
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
