import Foundation

/// Who a modem is, as its AT commands answered.
public struct ModemIdentityView: Codable, Sendable, Equatable {
    public var manufacturer: String?
    public var model: String?
    public var revision: String?
    public var imei: String?
    public var imsi: String?
    public var iccid: String?
    public var ownNumber: String?
    /// `generic`, `huawei`, `zte`, `simcom`, `quectel` or `wavecom`.
    public var vendor: String
    public init(
        manufacturer: String?,
        model: String?,
        revision: String?,
        imei: String?,
        imsi: String?,
        iccid: String?,
        ownNumber: String?,
        vendor: String
    ) {
        self.manufacturer = manufacturer
        self.model = model
        self.revision = revision
        self.imei = imei
        self.imsi = imsi
        self.iccid = iccid
        self.ownNumber = ownNumber
        self.vendor = vendor
    }
}

/// A modem's health as its supervisor knows it (docs/operations/modem-health.md).
public struct ModemHealthView: Codable, Sendable, Equatable {
    /// `starting`, `healthy`, `recovering`, `waiting-for-device` or `quarantined`.
    public var condition: String
    /// The rung being tried while recovering.
    public var rung: String?
    public var lastFault: String?
    public var lastFaultAt: Date?
    public var lastRecoveryRung: String?
    public var lastRecoveryAt: Date?
    public var quarantineReason: String?
    public var quarantinedAt: Date?
    /// Rungs tried and rungs that worked, by rung name, since the daemon started.
    public var attempts: [String: Int]
    public var recoveries: [String: Int]
    public init(
        condition: String,
        rung: String?,
        lastFault: String?,
        lastFaultAt: Date?,
        lastRecoveryRung: String?,
        lastRecoveryAt: Date?,
        quarantineReason: String?,
        quarantinedAt: Date?,
        attempts: [String: Int],
        recoveries: [String: Int]
    ) {
        self.condition = condition
        self.rung = rung
        self.lastFault = lastFault
        self.lastFaultAt = lastFaultAt
        self.lastRecoveryRung = lastRecoveryRung
        self.lastRecoveryAt = lastRecoveryAt
        self.quarantineReason = quarantineReason
        self.quarantinedAt = quarantinedAt
        self.attempts = attempts
        self.recoveries = recoveries
    }
}

/// A modem's self-test calls.
public struct SelfTestView: Codable, Sendable, Equatable {
    public var lastAt: Date?
    /// `passed`, `missed` or `skipped`.
    public var lastResult: String?
    public var lastDetail: String?
    public var consecutiveMisses: Int
    public var passed: Int
    public var missed: Int
    public var learnedNumber: String?
    public init(
        lastAt: Date?,
        lastResult: String?,
        lastDetail: String?,
        consecutiveMisses: Int,
        passed: Int,
        missed: Int,
        learnedNumber: String?
    ) {
        self.lastAt = lastAt
        self.lastResult = lastResult
        self.lastDetail = lastDetail
        self.consecutiveMisses = consecutiveMisses
        self.passed = passed
        self.missed = missed
        self.learnedNumber = learnedNumber
    }
}

/// `GET /modems`, `GET /modems/{imei}`, `POST /modems/{imei}/clear`.
public struct ModemEntry: Codable, Sendable, Equatable {
    public var id: Int?
    public var devicePath: String
    /// `ready`, `initializing`, `not-registered`, … as a word; `detail` in full.
    public var state: String
    public var detail: String
    public var identity: ModemIdentityView
    /// The pool number bound to its IMEI.
    public var number: String?
    public var registration: String?
    public var signalDBm: Int?
    public var operatorName: String?
    public var callsRejected: Int
    public var callsAnswered: Int
    public var health: ModemHealthView
    public var selfTest: SelfTestView?
    /// The gateway node that drives it (several nodes on one PostgreSQL); nil from older daemons.
    public var node: String?
    public init(
        id: Int?,
        devicePath: String,
        state: String,
        detail: String,
        identity: ModemIdentityView,
        number: String?,
        registration: String?,
        signalDBm: Int?,
        operatorName: String?,
        callsRejected: Int,
        callsAnswered: Int,
        health: ModemHealthView,
        selfTest: SelfTestView?,
        node: String? = nil
    ) {
        self.node = node
        self.id = id
        self.devicePath = devicePath
        self.state = state
        self.detail = detail
        self.identity = identity
        self.number = number
        self.registration = registration
        self.signalDBm = signalDBm
        self.operatorName = operatorName
        self.callsRejected = callsRejected
        self.callsAnswered = callsAnswered
        self.health = health
        self.selfTest = selfTest
    }
}

/// `GET /status`: modems, pool and the outbox by state.
public struct StatusReply: Codable, Sendable, Equatable {
    public var modems: [ModemEntry]
    public var pool: [PoolEntry]
    public var outbox: [String: Int]
    /// Every node sharing the store (one with SQLite); nil from older daemons.
    public var nodes: [NodeEntry]?
    /// `sqlite` or `postgresql`.
    public var engine: String?
    public init(modems: [ModemEntry], pool: [PoolEntry], outbox: [String: Int], nodes: [NodeEntry]? = nil, engine: String? = nil) {
        self.nodes = nodes
        self.engine = engine
        self.modems = modems
        self.pool = pool
        self.outbox = outbox
    }
}

/// `GET /nodes`: a gateway node sharing the store, as its heartbeat row says.
public struct NodeEntry: Codable, Sendable, Equatable {
    public var id: String
    public var hostname: String
    public var version: String
    public var startedAt: Date
    public var heartbeatAt: Date
    /// `up` (heart-beating), `down` (its heartbeat is older than the number lease: its numbers are
    /// out of allocation) or `stopped` (it left gracefully).
    public var state: String
    public var modems: Int
    /// The node that answered this request.
    public var isSelf: Bool
    public init(id: String, hostname: String, version: String, startedAt: Date, heartbeatAt: Date, state: String, modems: Int, isSelf: Bool) {
        self.id = id
        self.hostname = hostname
        self.version = version
        self.startedAt = startedAt
        self.heartbeatAt = heartbeatAt
        self.state = state
        self.modems = modems
        self.isSelf = isSelf
    }
}
