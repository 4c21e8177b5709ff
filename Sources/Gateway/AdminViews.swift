import AdminContract
import Foundation
import SessionStore

// The admin API answers with the contract's types (`AdminContract`), never the store's models:
// these build them.

extension PhoneNumberView {
    init(_ number: PhoneNumber) {
        self.init(e164: number.e164, country: number.country?.rawValue)
    }
}

extension PoolEntry {
    init(_ number: DialingNumber) {
        self.init(
            number: PhoneNumberView(number.number),
            country: number.country.rawValue,
            purpose: number.purpose.rawValue,
            modemIMEI: number.modemIMEI,
            simICCID: number.simICCID,
            enabled: number.enabled,
            online: number.online,
            createdAt: number.createdAt
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
