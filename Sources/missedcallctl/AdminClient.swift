import AdminContract
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// Talks to missedcalld's admin API over its Unix socket.
struct AdminClient {
    let socket: String

    /// `--socket`, else `$MISSEDCALL_ADMIN_SOCKET`, else `./var/missedcalld.sock` when it exists
    /// (the demo), else the installed service's `/run/missedcall/missedcalld.sock`.
    static func resolve(_ option: String?) -> String {
        if let option { return option }
        if let fromEnvironment = ProcessInfo.processInfo.environment["MISSEDCALL_ADMIN_SOCKET"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        if FileManager.default.fileExists(atPath: "var/missedcalld.sock") { return "var/missedcalld.sock" }
        return "/run/missedcall/missedcalld.sock"
    }

    struct Reply {
        var status: Int
        var body: Data
        var json: Any? { try? JSONSerialization.jsonObject(with: body) }

        /// The body as one of the contract's types; a reply that does not fit is the daemon's and
        /// the CLI's versions disagreeing, said so.
        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            do {
                return try AdminCoding.decoder.decode(type, from: body)
            } catch {
                throw CLIError.refused("unexpected reply from missedcalld (is it the same version as missedcallctl?): \(error)")
            }
        }
    }

    func call(_ method: HTTPMethod, _ path: String) async throws -> Reply {
        try await call(method, path, encoded: nil)
    }

    /// A request with one of the contract's bodies (`AdminContract`).
    func call(_ method: HTTPMethod, _ path: String, body: some Encodable) async throws -> Reply {
        try await call(method, path, encoded: try AdminCoding.encoder.encode(body))
    }

    /// POSTs a file as the body, streamed in 256 KiB chunks (no size limit), telling `progress` the
    /// bytes sent so far; waits up to 30 minutes for the answer (the daemon reads as it receives).
    func upload(_ path: String, file: String, progress: @escaping @Sendable (Int64) -> Void) async throws -> Reply {
        try checkSocket()
        guard let handle = FileHandle(forReadingAtPath: file) else { throw CLIError.usage("cannot read \(file)") }
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int64) ?? nil
        // Read on demand, one chunk at a time as the connection takes them: memory stays flat.
        let sent = Mutex<Int64>(0)
        let chunks = AsyncStream<ByteBuffer>(unfolding: {
            guard let data = try? handle.read(upToCount: 256 << 10), !data.isEmpty else {
                try? handle.close()
                return nil
            }
            progress(
                sent.withLock {
                    $0 += Int64(data.count)
                    return $0
                }
            )
            return ByteBuffer(bytes: data)
        })
        let encoded = socket.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? socket
        var request = HTTPClientRequest(url: "http+unix://\(encoded)\(path)")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "text/plain")
        request.body = .stream(chunks, length: size.map { .known($0) } ?? .unknown)
        let response: HTTPClientResponse
        do {
            response = try await HTTPClient.shared.execute(request, timeout: .minutes(30))
        } catch {
            throw CLIError.unreachable("cannot talk to missedcalld at \(socket): \(error). Is it running? (systemctl status missedcalld)")
        }
        return try await Self.reply(response)
    }

    static func reply(_ response: HTTPClientResponse) async throws -> Reply {
        let data = Data((try await response.body.collect(upTo: 16 << 20)).readableBytesView)
        let reply = Reply(status: Int(response.status.code), body: data)
        guard (200..<300).contains(reply.status) else {
            let message = (try? AdminCoding.decoder.decode(AdminErrorReply.self, from: data))?.error ?? String(decoding: data, as: UTF8.self)
            throw reply.status == 404 ? CLIError.notFound(message) : CLIError.refused(message)
        }
        return reply
    }

    private func call(_ method: HTTPMethod, _ path: String, encoded body: Data?) async throws -> Reply {
        try checkSocket()
        let encoded = socket.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? socket
        var request = HTTPClientRequest(url: "http+unix://\(encoded)\(path)")
        request.method = method
        if let body {
            request.body = .bytes(ByteBuffer(bytes: Array(body)))
            request.headers.add(name: "Content-Type", value: "application/json")
        }
        let response: HTTPClientResponse
        do {
            response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        } catch {
            throw CLIError.unreachable("cannot talk to missedcalld at \(socket): \(error). Is it running? (systemctl status missedcalld)")
        }
        return try await Self.reply(response)
    }

    /// Clear errors before any connection attempt: no socket, or no permission on it.
    func checkSocket() throws {
        guard FileManager.default.fileExists(atPath: socket) else {
            throw CLIError.unreachable("no admin socket at \(socket): is missedcalld running? (start it, or pass --socket PATH)")
        }
        guard access(socket, R_OK | W_OK) == 0 else {
            throw CLIError.permission("permission denied on \(socket): run as root or as a member of the socket's group (usually missedcall)")
        }
    }
}

/// Failures with exit codes that mean something to scripts.
enum CLIError: Error, CustomStringConvertible {
    case refused(String)  // 1: the daemon said no
    case unreachable(String)  // 3: daemon not running / socket missing
    case permission(String)  // 4: socket permission denied
    case notFound(String)  // 5: unknown modem, number, passkey...
    case usage(String)  // 64, as the parser's own refusals

    var exitCode: Int32 {
        switch self {
        case .refused: return 1
        case .usage: return 64
        case .unreachable: return 3
        case .permission: return 4
        case .notFound: return 5
        }
    }

    var description: String {
        switch self {
        case .refused(let text), .unreachable(let text), .permission(let text), .notFound(let text), .usage(let text): return text
        }
    }
}
