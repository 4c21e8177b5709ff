import AdminContract
import CallbackDispatcher
import Foundation
import ModemKit
import SessionStore

// The admin API answers with the contract's types (`AdminContract`), never the store's models:
// these build them.

extension PhoneNumberView {
    init(_ number: PhoneNumber) {
        self.init(e164: number.e164, country: number.country?.rawValue)
    }
}

extension PoolEntry {
    /// Online means allocatable now: marked online and within its node's lease.
    init(_ number: DialingNumber, load: NumberLoad? = nil, now: Date = Date()) {
        let online = number.isAvailable(at: now)
        self.init(
            number: PhoneNumberView(number.number),
            country: number.country.rawValue,
            purpose: number.purpose.rawValue,
            modemIMEI: number.modemIMEI,
            simICCID: number.simICCID,
            enabled: number.enabled,
            online: online,
            createdAt: number.createdAt,
            node: online ? number.nodeID : nil,
            pendingSessions: load?.pendingSessions,
            callsLastMinute: load?.callsLastMinute
        )
    }
}

extension SessionEntry {
    init(_ session: VerificationSession) {
        self.init(
            sid: session.sid,
            passkeyID: session.passkeyID,
            mobileAsGiven: session.mobileAsGiven,
            mobile: PhoneNumberView(session.mobile),
            country: session.country.rawValue,
            dialingNumber: PhoneNumberView(session.dialingNumber),
            notifyURL: session.notifyURL,
            email: session.email,
            clientIP: session.clientIP,
            createdAt: session.createdAt,
            expiresAt: session.expiresAt,
            status: session.effectiveStatus(at: Date()).rawValue,
            verifiedAt: session.verifiedAt,
            callerAsPresented: session.callerAsPresented,
            callID: session.callID
        )
    }
}

extension CallEntry {
    init(_ call: MissedCall) {
        self.init(
            id: call.id,
            dialedNumber: PhoneNumberView(call.dialedNumber),
            caller: call.caller.map(PhoneNumberView.init),
            callerAsPresented: call.callerAsPresented,
            receivedAt: call.receivedAt,
            modemIMEI: call.modemIMEI,
            result: call.result.rawValue,
            sessionSID: call.sessionSID
        )
    }
}

extension ListenerEntry {
    init(_ listener: Listener) {
        let window = listener.dedupeWindow.components
        self.init(
            number: PhoneNumberView(listener.number),
            passkeyID: listener.passkeyID,
            notifyURL: listener.notifyURL,
            email: listener.email,
            dedupeSeconds: Double(window.seconds) + Double(window.attoseconds) / 1e18,
            createdAt: listener.createdAt
        )
    }
}

extension DeliveryEntry {
    init(_ job: OutboxJob) {
        self.init(
            id: job.id,
            kind: job.kind.rawValue,
            target: job.target,
            passkeyID: job.passkeyID,
            attempts: job.attempts,
            nextAttemptAt: job.nextAttemptAt,
            state: job.state.rawValue,
            lastError: job.lastError,
            createdAt: job.createdAt,
            deliveredAt: job.deliveredAt
        )
    }
}

extension AttemptEntry {
    init(_ attempt: DeliveryAttempt) {
        let latency = attempt.latency.components
        self.init(
            attemptedAt: attempt.attemptedAt,
            result: attempt.result.rawValue,
            statusCode: attempt.statusCode,
            detail: attempt.detail,
            // Microseconds are enough: a delivery's latency is milliseconds to seconds.
            latencyMilliseconds: ((Double(latency.seconds) * 1e6 + Double(latency.attoseconds) / 1e12).rounded()) / 1e3
        )
    }
}

extension ModemEntry {
    init(_ report: ModemReport) {
        let status = report.status
        let identity = status.identity
        let health = report.health
        self.init(
            id: report.modemID,
            devicePath: status.devicePath,
            state: status.state.name,
            detail: status.state.description,
            identity: ModemIdentityView(
                manufacturer: identity.manufacturer,
                model: identity.model,
                revision: identity.revision,
                imei: identity.imei,
                imsi: identity.imsi,
                iccid: identity.iccid,
                ownNumber: identity.ownNumber,
                vendor: identity.vendor.rawValue
            ),
            number: report.number,
            registration: status.registration?.description,
            signalDBm: status.signal?.dBm,
            operatorName: status.operatorName,
            callsRejected: status.callsRejected,
            callsAnswered: status.callsAnswered,
            health: ModemHealthView(
                condition: health.condition.rawValue,
                rung: health.rung?.rawValue,
                lastFault: health.lastFault,
                lastFaultAt: health.lastFaultAt,
                lastRecoveryRung: health.lastRecoveryRung?.rawValue,
                lastRecoveryAt: health.lastRecoveryAt,
                quarantineReason: health.quarantineReason,
                quarantinedAt: health.quarantinedAt,
                attempts: health.attempts,
                recoveries: health.recoveries
            ),
            selfTest: report.selfTest.map(SelfTestView.init)
        )
    }
}

extension SelfTestView {
    init(_ record: SelfTestRecord) {
        self.init(
            lastAt: record.lastAt,
            lastResult: record.lastResult?.rawValue,
            lastDetail: record.lastDetail,
            consecutiveMisses: record.consecutiveMisses,
            passed: record.passed,
            missed: record.missed,
            learnedNumber: record.learnedNumber
        )
    }
}

extension TallyEntry {
    init(_ tally: ListenerTally) {
        self.init(number: PhoneNumberView(tally.number), day: tally.day, calls: tally.calls, votes: tally.votes)
    }
}

extension DestinationEntry {
    init(_ status: DestinationStatus) {
        self.init(
            destination: status.destination,
            circuit: status.circuit,
            inFlight: status.inFlight,
            failuresInARow: status.failuresInARow,
            retryAt: status.retryAt,
            lastFailure: status.lastFailure
        )
    }
}
