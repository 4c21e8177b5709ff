import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The state folder holds every webhook signing secret and phone number. Before this, under umask
/// 022 the database, WAL and SHM were 0644; under 000 the folder was 0777 and the admin socket 0777
/// until its chmod.
@Suite("files at rest", .serialized, .timeLimit(.minutes(2)))
struct FilesAtRestTests {
    /// Every file, folder and socket under `folder` (the folder too) whose mode lets others in.
    static func openToOthers(_ folder: URL) -> [String] {
        var found: [String] = []
        var paths = [folder.path]
        if let walker = FileManager.default.enumerator(atPath: folder.path) {
            while let relative = walker.nextObject() as? String { paths.append(folder.appendingPathComponent(relative).path) }
        }
        for path in paths {
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            if info.st_mode & 0o007 != 0 { found.append("\(path) \(String(info.st_mode & 0o7777, radix: 8))") }
        }
        return found
    }

    @Test("no file, folder or socket of the daemon is open to others, while it runs and after a restart", arguments: ["000", "022"])
    func privateWhateverTheUmask(_ umask: String) async throws {
        let daemon = try await DaemonProcess.start(.init(umask: umask))
        let state = daemon.stateDirectory
        // Exercise every writer: a session and a call (database, WAL), an import (temporary file).
        let sid = try daemon.createSession(mobile: "9920123456", extra: "&notify=NA")
        try daemon.ring(from: "9920123456")
        #expect(try await daemon.waitForStatus(sid, "VERIFIED"))
        let connection = try RawConnection.unix(path: daemon.adminSocket)
        let csv = #"{"csv":"+919920123456\n"}"#
        connection.send("POST /intelligence/dnd HTTP/1.1\r\nHost: admin\r\nContent-Length: \(csv.utf8.count)\r\nConnection: close\r\n\r\n\(csv)")
        #expect(connection.readToEnd(timeout: .seconds(5)).text.hasPrefix("HTTP/1.1 200"))
        let names = try FileManager.default.contentsOfDirectory(atPath: state.path)
        #expect(names.contains("missedcall.sqlite-wal") && names.contains("missedcalld.sock") && names.contains("dnd.csv"))
        #expect(Self.openToOthers(state) == [])

        #expect(await daemon.stop(removeFiles: false) == 0)
        let again = try await DaemonProcess.start(.init(umask: umask), stateDirectory: state)
        #expect(Self.openToOthers(state) == [])
        #expect(await again.stop() == 0)
        try? FileManager.default.removeItem(at: daemon.logs)
    }

    @Test("a database left readable by an older version loses others' and the group's access at start")
    func narrowsAnOldDatabase() async throws {
        let first = try await DaemonProcess.start()
        let state = first.stateDirectory
        #expect(await first.stop(removeFiles: false) == 0)
        for name in ["missedcall.sqlite", "demo-passkey"] { chmod(state.appendingPathComponent(name).path, 0o644) }
        chmod(state.path, 0o777)
        let again = try await DaemonProcess.start(stateDirectory: state)
        #expect(Self.openToOthers(state) == [])
        var info = stat()
        stat(state.appendingPathComponent("missedcall.sqlite").path, &info)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(await again.stop() == 0)
        try? FileManager.default.removeItem(at: first.logs)
    }
}
