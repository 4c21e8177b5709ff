import Foundation
import SessionStore

extension CallbackDispatcher {
    /// One attempt at one job, recorded with its decision. Returns what went wrong when the
    /// attempt failed in a way that says the destination is unwell (the circuit counts those).
    @discardableResult
    func process(_ job: OutboxJob) async -> String? {
        let started = ContinuousClock.now
        let attemptedAt = Date()
        let result: Attempt
        switch job.kind {
        case .webhook: result = await deliverWebhook(job)
        case .email: result = await deliverEmail(job)
        case .sms: result = await deliverSMS(job)
        }
        let decision: DeliveryDecision
        switch result.verdict {
        case .delivered: decision = .delivered
        case .stop: decision = .stopped
        case .retry:
            decision =
                settings.schedule.nextAttempt(afterAttempts: job.attempts, createdAt: job.createdAt, now: Date())
                .map { DeliveryDecision.retry(at: $0) } ?? .dead
        case .dead: decision = .dead
        }
        let attempt = DeliveryAttempt(
            jobID: job.id,
            attemptedAt: attemptedAt,
            result: result.recordedAs,
            statusCode: result.statusCode,
            detail: result.detail,
            latency: ContinuousClock.now - started
        )
        observer.withLock { $0 }?.observe(
            DeliveryObservation(
                jobID: job.id,
                kind: job.kind,
                delivered: decision == .delivered,
                attempt: attempt.latency,
                sinceQueued: Date().timeIntervalSince(job.createdAt)
            )
        )
        switch decision {
        case .delivered: count("delivered")
        case .retry: count("retry")
        case .dead: count("dead")
        case .stopped: count("stopped")
        }
        if decision != .delivered {
            logger.info(
                "delivery attempt failed",
                metadata: [
                    "job": "\(job.id)", "kind": "\(job.kind.rawValue)", "attempt": "\(job.attempts)", "decision": "\(decision)",
                    "detail": "\(result.detail ?? "")",
                ]
            )
        }
        await recorder.add(attempt, decision)
        return result.verdict == .retry ? result.detail ?? "failed" : nil
    }

    struct Attempt {
        enum Verdict { case delivered, retry, stop, dead }
        var verdict: Verdict
        var recordedAs: DeliveryAttempt.Result
        var statusCode: Int?
        var detail: String?
    }

    private func deliverWebhook(_ job: OutboxJob) async -> Attempt {
        guard let webhook else { return Attempt(verdict: .retry, recordedAs: .failed, detail: "webhooks are not configured") }
        guard let event = CallEvent.decode(job.payload) else { return Attempt(verdict: .dead, recordedAs: .failed, detail: "unreadable payload") }
        let url: NotifyURL
        do {
            guard let parsed = try NotifyURL.parse(job.target) else { return Attempt(verdict: .stop, recordedAs: .refused, detail: "no notify URL") }
            url = parsed
        } catch {
            return Attempt(verdict: .stop, recordedAs: .refused, detail: error.description)
        }
        let passkey: PasskeyRecord? = if let id = job.passkeyID { try? await store.passkey(id: id) } else { nil }
        let secrets = [passkey?.webhookSecret, passkey?.previousWebhookSecret].compactMap { $0 }
        let fields = CallbackFields(event: event, facts: intelligence.facts(for: event.caller), timeZone: settings.timeZone)
        let request = WebhookRequest.build(
            url: url,
            fields: fields,
            method: passkey?.webhookMethod ?? .get,
            eventID: job.id,
            attempt: job.attempts,
            secrets: secrets,
            timestamp: Int(Date().timeIntervalSince1970)
        )
        let outcome = await webhook.send(request)
        switch outcome {
        case .delivered(let status): return Attempt(verdict: .delivered, recordedAs: .delivered, statusCode: status)
        case .gone: return Attempt(verdict: .stop, recordedAs: .stopped, statusCode: 410, detail: "receiver answered 410 Gone")
        case .refused(let reason): return Attempt(verdict: .stop, recordedAs: .refused, detail: reason)
        case .failed(let status, let detail): return Attempt(verdict: .retry, recordedAs: .failed, statusCode: status, detail: detail)
        }
    }

    private func deliverEmail(_ job: OutboxJob) async -> Attempt {
        guard let email, let emailFormat else { return Attempt(verdict: .retry, recordedAs: .failed, detail: "e-mail is not configured") }
        guard let event = CallEvent.decode(job.payload) else { return Attempt(verdict: .dead, recordedAs: .failed, detail: "unreadable payload") }
        let address: EmailAddress
        do {
            address = try EmailAddress(job.target)
        } catch {
            return Attempt(verdict: .stop, recordedAs: .refused, detail: error.description)
        }
        let fields = CallbackFields(event: event, facts: intelligence.facts(for: event.caller), timeZone: settings.timeZone)
        let message = emailFormat.message(to: address, event: event, fields: fields, eventID: job.id)
        do {
            let reply = try await email.send(message, timeZone: settings.timeZone)
            return Attempt(verdict: .delivered, recordedAs: .delivered, statusCode: reply.code, detail: reply.lines.last)
        } catch let error as SMTPError {
            let code: Int? = if case .rejected(_, let reply) = error { reply.code } else { nil }
            return Attempt(verdict: error.isTransient ? .retry : .stop, recordedAs: .failed, statusCode: code, detail: error.description)
        } catch {
            return Attempt(verdict: .retry, recordedAs: .failed, detail: "\(error)")
        }
    }

    private func deliverSMS(_ job: OutboxJob) async -> Attempt {
        guard let sms else { return Attempt(verdict: .retry, recordedAs: .failed, detail: "SMS sending is not configured") }
        guard let payload = try? JSONDecoder().decode(SMSJob.self, from: Data(job.payload.utf8)) else {
            return Attempt(verdict: .dead, recordedAs: .failed, detail: "unreadable payload")
        }
        do {
            try await sms.sendSMS(from: payload.from, to: job.target, text: payload.text)
            return Attempt(verdict: .delivered, recordedAs: .delivered)
        } catch {
            return Attempt(verdict: .retry, recordedAs: .failed, detail: "\(error)")
        }
    }
}
