import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// A small SMTP client on SwiftNIO: EHLO, STARTTLS or implicit TLS, AUTH PLAIN or LOGIN, MAIL, RCPT,
/// DATA with dot-stuffing, QUIT. One connection per message: notification mail is light, and a
/// fresh connection never inherits a broken session.
public struct SMTPClient: Sendable {
    public let settings: SMTPSettings
    let group: any EventLoopGroup

    public init(settings: SMTPSettings, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.settings = settings
        self.group = group
    }

    /// Sends one message; returns the server's final reply to DATA.
    @discardableResult
    public func send(_ message: EmailMessage, timeZone: TimeZone) async throws -> SMTPReply {
        let data = try message.rendered(timeZone: timeZone)
        let session = try await SMTPSession.connect(settings: settings, group: group)
        do {
            let reply = try await session.deliver(from: message.from, to: message.to, data: data)
            await session.quit()
            return reply
        } catch {
            await session.close()
            throw error
        }
    }

    /// Dot-stuffing (RFC 5321 4.5.2): a line starting with "." gets another; the message ends with
    /// CRLF.CRLF.
    static func dotStuffed(_ data: String) -> String {
        var out = data.split(separator: "\r\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(".") ? "." + $0 : String($0) }.joined(separator: "\r\n")
        if !out.hasSuffix("\r\n") { out += "\r\n" }
        return out + ".\r\n"
    }
}

/// One SMTP conversation over one connection.
final class SMTPSession: Sendable {
    let channel: any Channel
    let handler: NIOLoopBound<SMTPReplyHandler>
    let settings: SMTPSettings

    private init(channel: any Channel, handler: NIOLoopBound<SMTPReplyHandler>, settings: SMTPSettings) {
        self.channel = channel
        self.handler = handler
        self.settings = settings
    }

    static func connect(settings: SMTPSettings, group: any EventLoopGroup) async throws -> SMTPSession {
        let tls = settings.security == .implicitTLS ? try NIOSSLContext(configuration: settings.tlsConfiguration()) : nil
        let host = settings.host
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(.nanoseconds(settings.timeout.nanoseconds))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let tls {
                            try channel.pipeline.syncOperations.addHandler(
                                try NIOSSLClientHandler(context: tls, serverHostname: IPAddress(host) == nil ? host : nil)
                            )
                        }
                        try channel.pipeline.syncOperations.addHandler(SMTPReplyHandler())
                    }
                }
                .connect(host: settings.host, port: settings.port).get()
        } catch {
            throw SMTPError.connection("\(settings.host):\(settings.port): \(error)")
        }
        let handler = try await channel.eventLoop.submit {
            NIOLoopBound(try channel.pipeline.syncOperations.handler(type: SMTPReplyHandler.self), eventLoop: channel.eventLoop)
        }.get()
        let session = SMTPSession(channel: channel, handler: handler, settings: settings)
        do {
            try await session.expect(220, stage: "greeting")
            try await session.hello()
            return session
        } catch {
            await session.close()
            throw error
        }
    }

    private func hello() async throws {
        var ehlo = try await command("EHLO \(settings.heloName)", expect: 250, stage: "EHLO")
        if settings.security == .startTLS {
            guard ehlo.supports("STARTTLS") else { throw SMTPError.startTLSUnavailable }
            try await command("STARTTLS", expect: 220, stage: "STARTTLS")
            let context = try NIOSSLContext(configuration: settings.tlsConfiguration())
            let host = settings.host
            try await channel.eventLoop.submit { [channel] in
                try channel.pipeline.syncOperations.addHandler(
                    try NIOSSLClientHandler(context: context, serverHostname: IPAddress(host) == nil ? host : nil),
                    position: .first
                )
            }.get()
            ehlo = try await command("EHLO \(settings.heloName)", expect: 250, stage: "EHLO after STARTTLS")
        }
        if let username = settings.username, let password = settings.password {
            let mechanisms = ehlo.authMechanisms()
            if mechanisms.contains("PLAIN") {
                let token = Data(([0] + Array(username.utf8) + [0] + Array(password.utf8))).base64EncodedString()
                try await command("AUTH PLAIN \(token)", expect: 235, stage: "AUTH PLAIN")
            } else if mechanisms.contains("LOGIN") {
                try await command("AUTH LOGIN", expect: 334, stage: "AUTH LOGIN")
                try await command(Data(username.utf8).base64EncodedString(), expect: 334, stage: "AUTH LOGIN user")
                try await command(Data(password.utf8).base64EncodedString(), expect: 235, stage: "AUTH LOGIN password")
            } else {
                throw SMTPError.authUnavailable
            }
        }
    }

    func deliver(from: EmailAddress, to: EmailAddress, data: String) async throws -> SMTPReply {
        try await command("MAIL FROM:<\(from.value)>", expect: 250, stage: "MAIL FROM")
        let rcpt = try await send("RCPT TO:<\(to.value)>", stage: "RCPT TO")
        guard rcpt.code == 250 || rcpt.code == 251 else { throw SMTPError.rejected(stage: "RCPT TO", reply: rcpt) }
        try await command("DATA", expect: 354, stage: "DATA")
        return try await command(SMTPClient.dotStuffed(data), terminator: "", expect: 250, stage: "message")
    }

    func quit() async {
        _ = try? await send("QUIT", stage: "QUIT")
        await close()
    }

    func close() async {
        try? await channel.close()
    }

    @discardableResult
    private func command(_ line: String, terminator: String = "\r\n", expect code: Int, stage: String) async throws -> SMTPReply {
        let reply = try await send(line, terminator: terminator, stage: stage)
        guard reply.code == code else { throw SMTPError.rejected(stage: stage, reply: reply) }
        return reply
    }

    private func expect(_ code: Int, stage: String) async throws {
        let reply = try await nextReply(stage: stage)
        guard reply.code == code else { throw SMTPError.rejected(stage: stage, reply: reply) }
    }

    private func send(_ line: String, terminator: String = "\r\n", stage: String) async throws -> SMTPReply {
        var buffer = channel.allocator.buffer(capacity: line.utf8.count + 2)
        buffer.writeString(line + terminator)
        try await channel.writeAndFlush(buffer)
        return try await nextReply(stage: stage)
    }

    private func nextReply(stage: String) async throws -> SMTPReply {
        let loop = channel.eventLoop
        let timedOut = TimeoutFlag()
        // On timeout the connection is closed, which fails the waiting reply.
        let timer = loop.scheduleTask(in: .nanoseconds(settings.timeout.nanoseconds)) { [channel] in
            timedOut.set()
            channel.close(promise: nil)
        }
        defer { timer.cancel() }
        do {
            return try await loop.flatSubmit { [handler] in handler.value.next(on: loop) }.get()
        } catch {
            if timedOut.isSet { throw SMTPError.timeout(stage: stage) }
            throw error
        }
    }
}

final class TimeoutFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    func set() { flag.store(true, ordering: .relaxed) }
    var isSet: Bool { flag.load(ordering: .relaxed) }
}

extension Duration {
    var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}
