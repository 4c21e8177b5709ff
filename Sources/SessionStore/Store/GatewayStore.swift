import Foundation

/// Everything the gateway keeps. Shaped for several gateway boxes sharing one database: no answer
/// depends on state held in one process's memory, and the outbox can be claimed by many workers.
public protocol GatewayStore: Sendable {
    // Passkeys
    func createPasskey(_ request: NewPasskey) async throws -> CreatedPasskey
    /// The passkey's record if the token is a live key; throws `invalidPasskey` or `revokedPasskey`.
    func authenticate(_ token: String) async throws -> PasskeyRecord
    func passkeys() async throws -> [PasskeyRecord]
    func passkey(id: String) async throws -> PasskeyRecord?
    func revokePasskey(id: String) async throws
    func setDailyQuota(passkeyID: String, quota: Int) async throws
    /// Changes what is given (nil: unchanged).
    func updatePasskey(id: String, label: String?, dailyQuota: Int?, ratePerMinute: Int?, webhookMethod: WebhookMethod?) async throws
    /// Replaces the web origins allowed to read the passkey's sessions from a browser (CORS);
    /// each must be an http(s) origin (`WebOrigin.canonical`).
    func setAllowedOrigins(passkeyID: String, origins: [String]) async throws
    /// Makes a new webhook secret current and keeps the old one as previous; returns the new one.
    func rotateWebhookSecret(passkeyID: String) async throws -> String

    // The dialing-number pool
    func addDialingNumber(_ number: DialingNumber) async throws
    func removeDialingNumber(_ number: PhoneNumber) async throws
    func setEnabled(_ number: PhoneNumber, enabled: Bool) async throws
    /// Changes purpose, modem or SIM (nil: unchanged).
    func updateDialingNumber(_ number: PhoneNumber, purpose: NumberPurpose?, modemIMEI: String?, simICCID: String?) async throws
    /// Marks every number bound to the modem online or offline; returns how many changed.
    @discardableResult
    func setOnline(modemIMEI: String, online: Bool) async throws -> Int
    func dialingNumbers() async throws -> [DialingNumber]
    func dialingNumber(_ number: PhoneNumber) async throws -> DialingNumber?
    /// Each number's pending sessions and calls of the last minute.
    func numberLoads(now: Date) async throws -> [PhoneNumber: NumberLoad]

    // Sessions
    func createSession(_ request: NewSession) async throws -> VerificationSession
    func session(sid: String) async throws -> VerificationSession?
    /// The newest session of a mobile under a passkey (the V1 `Token=Verify` form).
    func latestSession(mobile: PhoneNumber, passkeyID: String) async throws -> VerificationSession?
    func sessions(status: SessionStatus?, limit: Int) async throws -> [VerificationSession]
    /// The verification funnel of the last `days` UTC days, per day, passkey and country.
    func funnel(days: Int, now: Date) async throws -> [FunnelDay]
    /// Rolls up every finished day from `first` not rolled up yet; returns how many.
    @discardableResult
    func rollUpFunnel(from first: Date, now: Date) async throws -> Int
    /// Calls recorded since `since`, per modem IMEI.
    func callsPerModem(since: Date) async throws -> [String: Int]
    /// Ends a pending session now; `notFound` unless it was pending.
    func expireSession(sid: String) async throws

    // Calls
    /// Matches and records a call, with its notifications, in one transaction. Idempotent by the
    /// record's id.
    func recordCall(_ call: IncomingCallRecord) async throws -> CallOutcome
    func missedCalls(limit: Int) async throws -> [MissedCall]

    // Listeners
    func addListener(_ listener: Listener) async throws
    /// Stops a listener (its number stays in the pool); `notFound` if there is none.
    func removeListener(number: PhoneNumber) async throws
    func listeners() async throws -> [Listener]
    func tallies(number: PhoneNumber, days: Int) async throws -> [ListenerTally]

    // Outbox
    func enqueue(_ job: NewOutboxJob) async throws -> OutboxJob
    /// Leases up to `limit` due jobs to `worker` until `leaseUntil`; expired leases of crashed
    /// workers are due again.
    func claimJobs(limit: Int, worker: String, leaseUntil: Date, now: Date) async throws -> [OutboxJob]
    /// Gives claimed jobs back unattempted (their destination is busy or its circuit is open):
    /// pending again, due at `until`, their attempt count as before the claim.
    func postponeJobs(_ ids: [String], until: Date) async throws
    func recordAttempt(_ attempt: DeliveryAttempt, decision: DeliveryDecision) async throws
    /// Many attempts in one transaction (the dispatcher's results, flushed together).
    func recordAttempts(_ results: [(DeliveryAttempt, DeliveryDecision)]) async throws
    func redeliver(jobID: String) async throws
    func jobs(state: OutboxState?, limit: Int) async throws -> [OutboxJob]
    func job(id: String) async throws -> OutboxJob?
    func attempts(jobID: String) async throws -> [DeliveryAttempt]
    /// Jobs of `kind` to `target` created since `since`, newest first (the signup line's resend).
    func recentJobs(kind: OutboxKind, target: String, since: Date) async throws -> [OutboxJob]
    func outboxDepth() async throws -> [OutboxState: Int]

    // Maintenance
    /// Marks pending sessions past their deadline expired; returns how many.
    func expireSessions(now: Date) async throws -> Int
    /// Deletes sessions, calls, attempts and finished jobs older than the retention.
    func purge(olderThan cutoff: Date) async throws -> Int
}
