import Foundation

/// A real SMTP server for tests and benchmarks: Python's aiosmtpd on loopback
/// (Tests/Tools/smtp_sink.py, installed by scripts/install-deps). Messages land as JSON files.
public final class SMTPSink: @unchecked Sendable {
    public struct Message: Decodable, Sendable {
        public var mail_from: String
        public var rcpt_tos: [String]
        public var data: String
        public var auth_user: String?
        public var tls: Bool
    }

    let process: Process
    let stdin: Pipe
    public let port: Int
    public let maildir: URL
    /// The self-signed certificate (PEM) the server uses with TLS, for clients to trust.
    public let certificate: String?

    static var toolsFolder: URL {
        // Sources/LoopbackReceivers/SMTPSink.swift → Tests/Tools
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tests/Tools")
    }

    /// `tls`: nil, "starttls" or "implicit"; a self-signed certificate for localhost is made for it.
    public static func start(tls: String? = nil, auth: String? = nil) throws -> SMTPSink {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var arguments = [toolsFolder.appendingPathComponent("smtp_sink.py").path, folder.appendingPathComponent("mail").path]
        var certificate: String?
        if let tls {
            let cert = folder.appendingPathComponent("cert.pem").path
            let key = folder.appendingPathComponent("key.pem").path
            let openssl = Process()
            openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            openssl.arguments = [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            ]
            openssl.standardError = FileHandle.nullDevice
            try openssl.run()
            openssl.waitUntilExit()
            arguments += ["--tls", tls, "--cert", cert, "--key", key]
            certificate = cert
        }
        if let auth { arguments += ["--auth", auth] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        let line = String(decoding: stdout.fileHandleForReading.availableData, as: UTF8.self)
        guard line.hasPrefix("ready "), let port = Int(line.dropFirst(6).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw SinkError.didNotStart(line)
        }
        return SMTPSink(process: process, stdin: stdin, port: port, maildir: folder.appendingPathComponent("mail"), certificate: certificate)
    }

    public enum SinkError: Error { case didNotStart(String) }

    private init(process: Process, stdin: Pipe, port: Int, maildir: URL, certificate: String?) {
        self.process = process
        self.stdin = stdin
        self.port = port
        self.maildir = maildir
        self.certificate = certificate
    }

    public var messages: [Message] {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: maildir.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        return files.compactMap { name in
            (try? Data(contentsOf: maildir.appendingPathComponent(name))).flatMap { try? JSONDecoder().decode(Message.self, from: $0) }
        }
    }

    public func wait(forCount count: Int, timeout: Duration = .seconds(10)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if messages.count >= count { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return messages.count >= count
    }

    public func stop() {
        try? stdin.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}

/// Splits a raw message into headers and the quoted-printable-decoded body.
public func parseMessage(_ data: String) -> (headers: [String: String], body: String) {
    let normalized = data.replacingOccurrences(of: "\r\n", with: "\n")
    let parts = normalized.components(separatedBy: "\n\n")
    var headers: [String: String] = [:]
    for line in parts[0].split(separator: "\n") {
        if let colon = line.firstIndex(of: ":") {
            headers[String(line[..<colon])] = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        }
    }
    let body = parts.dropFirst().joined(separator: "\n")
    return (headers, decodeQuotedPrintable(body))
}

public func decodeQuotedPrintable(_ text: String) -> String {
    let joined = text.replacingOccurrences(of: "=\n", with: "")
    var bytes: [UInt8] = []
    var iterator = Array(joined.utf8).makeIterator()
    while let byte = iterator.next() {
        if byte == UInt8(ascii: "="), let high = iterator.next(), let low = iterator.next(),
            let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
        {
            bytes.append(value)
        } else {
            bytes.append(byte)
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}
