import Foundation
import SessionStore

#if canImport(Glibc)
import Glibc
#endif

/// One daemon per state folder: an exclusive `flock` on `<state>/missedcalld.lock`, held for the
/// life of the process (the kernel drops it when the process dies, even by SIGKILL, so a crash
/// never leaves a stale lock). Before this, a second daemon on the same folder replaced the first
/// one's admin socket and deleted it when it stopped.
final class InstanceLock: Sendable {
    let path: String
    private let fd: Int32

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    static func acquire(stateDirectory: String) throws -> InstanceLock {
        let path = stateDirectory + "/missedcalld.lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, PrivateFiles.fileMode)
        guard fd >= 0 else { throw GatewayError.cannotLock(path: path, reason: String(cString: strerror(errno))) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = Self.pid(in: fd)
            close(fd)
            throw GatewayError.alreadyRunning(stateDirectory: stateDirectory, pid: holder)
        }
        // Who holds it, for the next one's message.
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return InstanceLock(path: path, fd: fd)
    }

    private static func pid(in fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Releases the lock (at the end of a graceful stop).
    func release() {
        close(fd)
    }
}
