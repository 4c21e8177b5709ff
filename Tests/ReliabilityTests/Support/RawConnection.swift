import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A client socket driven byte by byte, for what no HTTP client library does on purpose: hold a
/// connection idle, dribble a request head, send bare empty lines, speak HTTP/1.0, read to EOF.
final class RawConnection: @unchecked Sendable {
    let fd: Int32

    enum Failure: Error { case socket(String, Int32) }

    private init(fd: Int32) {
        self.fd = fd
    }

    deinit { close(fd) }

    static func tcp(port: Int, host: String = "127.0.0.1") throws -> RawConnection {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure.socket("socket", errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, host, &address.sin_addr)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            let error = errno
            close(fd)
            throw Failure.socket("connect", error)
        }
        return RawConnection(fd: fd)
    }

    static func unix(path: String) throws -> RawConnection {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure.socket("socket", errno) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.prefix(raw.count - 1).enumerated() { raw[index] = byte }
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else {
            let error = errno
            close(fd)
            throw Failure.socket("connect", error)
        }
        return RawConnection(fd: fd)
    }

    /// Sends all of `text`; false if the peer has gone.
    @discardableResult
    func send(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    enum ReadEnd: Equatable { case eof, timeout, reset }

    /// Reads until EOF or `timeout`: what arrived and how it ended.
    func readToEnd(timeout: Duration) -> (text: String, end: ReadEnd) {
        read(timeout: timeout) { _ in false }
    }

    /// Reads until `marker` has arrived (or EOF, or `timeout`).
    func read(until marker: String, timeout: Duration) -> String {
        read(timeout: timeout) { $0.contains(marker) }.text
    }

    /// The one reading loop: until `done` says so of what arrived, EOF, a reset or `timeout`.
    private func read(timeout: Duration, done: (String) -> Bool) -> (text: String, end: ReadEnd) {
        var data: [UInt8] = []
        let deadline = ContinuousClock.now + timeout
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !done(String(decoding: data, as: UTF8.self)) {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { return (String(decoding: data, as: UTF8.self), .timeout) }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(max(1, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)))
            if ready == 0 { continue }
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count == 0 { return (String(decoding: data, as: UTF8.self), .eof) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return (String(decoding: data, as: UTF8.self), .reset)
            }
            data.append(contentsOf: buffer[0..<count])
        }
        return (String(decoding: data, as: UTF8.self), .timeout)
    }

    /// Whether the peer has closed (readable with nothing to read, or reset) right now.
    var peerClosed: Bool {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, 0) > 0 else { return false }
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT)) <= 0
    }

    /// One whole request and its whole response on a new connection (`Connection: close`).
    static func request(port: Int, _ head: String, timeout: Duration = .seconds(10)) throws -> String {
        let connection = try tcp(port: port)
        connection.send(head)
        return connection.readToEnd(timeout: timeout).text
    }

    /// A free loopback port (bound and released).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw Failure.socket("bind", errno) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The test process may hold a few thousand sockets (its soft limit raised to the hard one).
    static func raiseOwnDescriptorLimit() {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        limit.rlim_cur = limit.rlim_max
        setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }
}
