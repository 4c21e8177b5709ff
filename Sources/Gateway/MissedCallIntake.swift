import CallbackDispatcher
import GatewayAPI
import Logging
import ModemKit
import SessionStore

/// The call path's named step after the hang-up: a rejected call on a pool number is recorded
/// (matching, verifying and writing its notifications in one transaction), the dispatcher is woken
/// for them, waiting REST clients are told, and a signup call is handed to the signup line.
/// Listener votes are recorded by the store in the same transaction. The fleet only says which
/// number the modem serves; nothing here knows about modems' health or ports.
struct MissedCallIntake: Sendable {
    let store: any GatewayStore
    let dispatcher: CallbackDispatcher
    let events: VerificationEvents
    let metrics: GatewayMetrics
    let signup: SignupLine?
    let logger: Logger

    func take(_ call: IncomingCall, dialed number: PhoneNumber, modemIMEI: String?) async {
        let type: Int? = if case .number(_, let type) = call.caller { type } else { nil }
        let record = IncomingCallRecord(
            dialedNumber: number,
            callerAsPresented: call.caller.number,
            callerType: type,
            receivedAt: call.receivedAt,
            modemIMEI: modemIMEI
        )
        do {
            let outcome = try await recordHoldingOn(record)
            let webhooks = outcome.notifications.filter { $0.kind == .webhook }.map(\.id)
            if !webhooks.isEmpty { metrics.webhooksQueued(webhooks, ringAt: call.receivedAt) }
            // Claimed as they were written (`inlineClaim`): delivered now, no claim transaction.
            let claimed = outcome.notifications.filter { $0.state == .delivering }
            dispatcher.deliver(claimed: claimed)
            if claimed.count < outcome.notifications.count { dispatcher.wake() }
            metrics.call(outcome.call.result)
            if outcome.call.result == .verified, let sid = outcome.session?.sid { events.publish(sid: sid) }
            if outcome.call.result == .signup, let caller = outcome.call.caller, let signup {
                try await signup.handle(caller: caller, dialed: number)
            }
            logger.info("missed call", metadata: [LogKey.caller: "\(call.caller.masked)", LogKey.result: "\(outcome.call.result.rawValue)"])
        } catch {
            // The call itself was hung up; a store that refuses it now loses only its record.
            logger.error("recording a call failed", metadata: [LogKey.error: "\(error)"])
        }
    }

    /// Records the call; while the database is unreachable (a PostgreSQL restart or failover) the
    /// record is held and tried again — 0.5 s doubling to 30 s, for up to `holdFor` — and, being
    /// idempotent by its id and matched by the time of the call, it verifies as if on time. A
    /// refusal by the store's rules is not retried.
    func recordHoldingOn(_ record: IncomingCallRecord, holdFor: Duration = .seconds(900)) async throws -> CallOutcome {
        let start = ContinuousClock.now
        var delay = Duration.milliseconds(500)
        var held = false
        while true {
            do {
                let outcome = try await store.recordCall(record)
                if held {
                    let metadata: Logger.Metadata = [LogKey.result: "\(outcome.call.result.rawValue)", "held": "\(ContinuousClock.now - start)"]
                    logger.notice("held call recorded", metadata: metadata)
                }
                return outcome
            } catch let error as StoreError {
                throw error
            } catch {
                guard ContinuousClock.now - start < holdFor, !Task.isCancelled else { throw error }
                if !held {
                    logger.error("the store is unreachable; holding the call's record and retrying", metadata: [LogKey.error: "\(error)"])
                }
                held = true
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(30))
            }
        }
    }
}
