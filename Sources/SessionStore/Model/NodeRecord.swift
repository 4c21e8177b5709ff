import Foundation

/// A gateway node (one missedcalld) as the shared database knows it: its heartbeat and what its
/// modems looked like at that heartbeat (`modems`, JSON the gateway writes and reads).
public struct NodeRecord: Sendable, Equatable {
    public var id: String
    public var hostname: String
    public var version: String
    public var startedAt: Date
    public var heartbeatAt: Date
    /// Set by a graceful stop; nil while running (or after a crash, when only the heartbeat ages).
    public var stoppedAt: Date?
    public var modems: String

    public init(id: String, hostname: String, version: String, startedAt: Date, heartbeatAt: Date, stoppedAt: Date? = nil, modems: String) {
        self.id = id
        self.hostname = hostname
        self.version = version
        self.startedAt = startedAt
        self.heartbeatAt = heartbeatAt
        self.stoppedAt = stoppedAt
        self.modems = modems
    }
}

/// An admin request for a modem another node drives, queued for that node (`node_commands`).
public struct NodeCommand: Sendable, Equatable {
    public var id: String
    public var nodeID: String
    public var method: String
    public var path: String
    public var body: String
    /// The owner's answer: HTTP status and body; nil until it has run the request.
    public var status: Int?
    public var response: String?
}
