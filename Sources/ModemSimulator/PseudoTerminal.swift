import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A pty pair: the simulator holds the master; the modem under test opens `slavePath` as its serial
/// port. The simulator also keeps one slave descriptor open, because a Linux pty master reports
/// `POLLHUP` whenever no slave is open, which would spin its poll loop before the modem opens.
struct PseudoTerminal {
    /// `TIOCSPTLCK` and `TIOCGPTN` from <asm-generic/ioctls.h> (x86_64 and arm64 share them).
    static let ptyUnlock: UInt = 0x4004_5431
    static let ptyNumber: UInt = 0x8004_5430

    let master: CInt
    let slaveKeepAlive: CInt
    let slavePath: String

    struct Failure: Error, CustomStringConvertible {
        var step: String
        var errno: Int32
        var description: String { "pty \(step) failed: \(String(cString: strerror(errno)))" }
    }

    static func open() throws -> PseudoTerminal {
        // posix_openpt/unlockpt/ptsname are hidden behind _XOPEN_SOURCE in the Glibc module, so use
        // the Linux ioctls they wrap: unlock the slave, then ask for its number.
        let master = Glibc.open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0 else { throw Failure(step: "open /dev/ptmx", errno: errno) }
        var unlock: CInt = 0
        guard ioctl(master, Self.ptyUnlock, &unlock) == 0 else {
            let error = errno
            close(master)
            throw Failure(step: "TIOCSPTLCK", errno: error)
        }
        var number: CUnsignedInt = 0
        guard ioctl(master, Self.ptyNumber, &number) == 0 else {
            let error = errno
            close(master)
            throw Failure(step: "TIOCGPTN", errno: error)
        }
        let path = "/dev/pts/\(number)"
        let slave = Glibc.open(path, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard slave >= 0 else {
            let error = errno
            close(master)
            throw Failure(step: "open slave", errno: error)
        }
        // Raw from the start: with the default line discipline the pty would echo our own output
        // back to us and turn CR into LF before the modem under test sets raw mode itself.
        var attributes = termios()
        tcgetattr(slave, &attributes)
        cfmakeraw(&attributes)
        tcsetattr(slave, TCSANOW, &attributes)
        let flags = fcntl(master, F_GETFL)
        _ = fcntl(master, F_SETFL, flags | O_NONBLOCK)
        return PseudoTerminal(master: master, slaveKeepAlive: slave, slavePath: path)
    }

    func closeAll() {
        close(master)
        close(slaveKeepAlive)
    }
}
