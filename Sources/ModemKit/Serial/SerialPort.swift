import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

/// A tty opened for a modem: `O_NOCTTY | O_NONBLOCK`, exclusive (`TIOCEXCL`), raw 8N1 at a given
/// speed, no flow control. I/O runs on a SwiftNIO event loop through the pipe bootstrap (epoll, no
/// thread per port); an unplugged device shows up as `EIO`/`POLLHUP` and closes the channel.
public enum SerialPort {
    public struct Settings: Sendable, Equatable {
        public var speed: BaudRate
        /// Refuse other openers while we hold the port (root is exempt, as the kernel rules).
        public var exclusive: Bool

        public init(speed: BaudRate = .b115200, exclusive: Bool = true) {
            self.speed = speed
            self.exclusive = exclusive
        }
    }

    /// Opens and configures the device; the caller owns the returned descriptor.
    public static func openDescriptor(path: String, settings: Settings) throws -> CInt {
        let fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw SerialPortError(path: path, step: .open, errno: errno) }
        do {
            try configure(fd: fd, path: path, settings: settings)
        } catch {
            close(fd)
            throw error
        }
        return fd
    }

    static func configure(fd: CInt, path: String, settings: Settings) throws {
        if settings.exclusive, ioctl(fd, UInt(TIOCEXCL)) != 0 {
            throw SerialPortError(path: path, step: .exclusive, errno: errno)
        }
        var attributes = termios()
        guard tcgetattr(fd, &attributes) == 0 else {
            throw SerialPortError(path: path, step: .getAttributes, errno: errno)
        }
        cfmakeraw(&attributes)
        attributes.c_cflag &= ~(tcflag_t(CSIZE) | tcflag_t(PARENB) | tcflag_t(CSTOPB) | tcflag_t(CRTSCTS))
        attributes.c_cflag |= tcflag_t(CS8) | tcflag_t(CREAD) | tcflag_t(CLOCAL)
        attributes.c_iflag &= ~(tcflag_t(IXON) | tcflag_t(IXOFF) | tcflag_t(IXANY))
        // VMIN 1 / VTIME 0: a read returns as soon as one byte is there; NIO reads what is buffered.
        withUnsafeMutableBytes(of: &attributes.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        cfsetispeed(&attributes, settings.speed.termiosSpeed)
        cfsetospeed(&attributes, settings.speed.termiosSpeed)
        guard tcsetattr(fd, TCSANOW, &attributes) == 0 else {
            throw SerialPortError(path: path, step: .setAttributes, errno: errno)
        }
        // Drop whatever the modem said before we listened: stale replies would confuse the first command.
        guard tcflush(fd, TCIOFLUSH) == 0 else {
            throw SerialPortError(path: path, step: .flush, errno: errno)
        }
    }

    /// Opens the device and wraps it in a NIO channel whose pipeline `initializer` sets up.
    public static func connect(
        path: String,
        settings: Settings,
        group: any EventLoopGroup,
        initializer: @escaping @Sendable (any Channel) -> EventLoopFuture<Void>
    ) async throws -> any Channel {
        let fd = try openDescriptor(path: path, settings: settings)
        do {
            return try await NIOPipeBootstrap(group: group)
                .channelOption(.allowRemoteHalfClosure, value: false)
                .channelInitializer(initializer)
                .takingOwnershipOfDescriptor(inputOutput: fd)
                .get()
        } catch {
            close(fd)
            throw error
        }
    }
}
