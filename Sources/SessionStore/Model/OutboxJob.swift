import Foundation

public enum OutboxKind: String, Sendable, Codable, CaseIterable {
    case webhook, email, sms
}

public enum OutboxState: String, Sendable, Codable, CaseIterable {
    /// Waiting for its next attempt.
    case pending
    /// Claimed by a worker until its lease ends.
    case delivering
    case delivered
    /// Gave up after the retry schedule; an admin can redeliver.
    case dead
    /// The receiver said stop (HTTP 410) or the target was refused.
    case stopped
}

/// A notification to deliver, durable from the transaction that recorded its cause.
public struct OutboxJob: Sendable, Equatable, Codable {
    /// Also the event id sent with every attempt, so receivers can drop duplicates.
    public var id: String
    public var kind: OutboxKind
    /// URL, e-mail address, or phone number.
    public var target: String
    /// JSON of the event; the dispatcher renders it per kind.
    public var payload: String
    public var passkeyID: String?
    public var attempts: Int
    public var nextAttemptAt: Date
    public var state: OutboxState
    public var lastError: String?
    public var createdAt: Date
    public var deliveredAt: Date?
}

public struct NewOutboxJob: Sendable, Equatable {
    public var kind: OutboxKind
    public var target: String
    public var payload: String
    public var passkeyID: String?

    public init(kind: OutboxKind, target: String, payload: String, passkeyID: String? = nil) {
        self.kind = kind
        self.target = target
        self.payload = payload
        self.passkeyID = passkeyID
    }
}

/// One try at delivering a job.
public struct DeliveryAttempt: Sendable, Equatable, Codable {
    public enum Result: String, Sendable, Codable { case delivered, failed, stopped, refused }

    public var jobID: String
    public var attemptedAt: Date
    public var result: Result
    /// HTTP status or SMTP reply code.
    public var statusCode: Int?
    public var detail: String?
    public var latency: Duration

    public init(jobID: String, attemptedAt: Date, result: Result, statusCode: Int? = nil, detail: String? = nil, latency: Duration) {
        self.jobID = jobID
        self.attemptedAt = attemptedAt
        self.result = result
        self.statusCode = statusCode
        self.detail = detail
        self.latency = latency
    }
}

/// What to do with a job after an attempt.
public enum DeliveryDecision: Sendable, Equatable {
    case delivered
    case retry(at: Date)
    case dead
    case stopped
}

/// A dispatcher's claim on jobs: its worker id and how long the claim holds before another worker
/// may take the job over.
public struct OutboxClaim: Sendable, Equatable {
    public var worker: String
    public var lease: Duration

    public init(worker: String, lease: Duration) {
        self.worker = worker
        self.lease = lease
    }
}
