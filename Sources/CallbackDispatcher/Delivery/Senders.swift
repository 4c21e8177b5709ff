import Foundation

/// Sends an e-mail (the SMTP client in production).
public protocol EmailSending: Sendable {
    func send(_ message: EmailMessage, timeZone: TimeZone) async throws -> SMTPReply
}

extension SMTPClient: EmailSending {}

/// Sends an SMS from the modem that owns `from` (the daemon wires ModemKit here).
public protocol SMSSending: Sendable {
    func sendSMS(from dialingNumber: String, to destination: String, text: String) async throws
}

/// The payload of an `sms` outbox job.
public struct SMSJob: Codable, Sendable, Equatable {
    /// The pool number whose modem sends it.
    public var from: String
    public var text: String

    public init(from: String, text: String) {
        self.from = from
        self.text = text
    }

    public func json() -> String {
        (try? JSONEncoder().encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
