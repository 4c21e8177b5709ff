import Foundation
import SQLKit

/// Rows to model values. Column names are the schema's (see `Migrations`).
enum RowMapping {
    static func phone(_ e164: String) -> PhoneNumber {
        PhoneNumber(e164: e164)
    }

    static func date(_ row: any SQLRow, _ column: String) throws -> Date {
        Date(millis: try row.decode(column: column, as: Int64.self))
    }

    static func optionalDate(_ row: any SQLRow, _ column: String) throws -> Date? {
        try row.decode(column: column, as: Int64?.self).map(Date.init(millis:))
    }

    static func passkey(_ row: any SQLRow) throws -> PasskeyRecord {
        PasskeyRecord(
            id: try row.decode(column: "id", as: String.self),
            displayPrefix: try row.decode(column: "display_prefix", as: String.self),
            label: try row.decode(column: "label", as: String.self),
            ownerMobile: try row.decode(column: "owner_mobile", as: String?.self),
            createdAt: try date(row, "created_at"),
            revokedAt: try optionalDate(row, "revoked_at"),
            dailyQuota: try row.decode(column: "daily_quota", as: Int.self),
            ratePerMinute: try row.decode(column: "rate_per_minute", as: Int.self),
            webhookSecret: try row.decode(column: "webhook_secret", as: String.self),
            previousWebhookSecret: try row.decode(column: "previous_webhook_secret", as: String?.self),
            webhookMethod: WebhookMethod(rawValue: try row.decode(column: "webhook_method", as: String.self)) ?? .get,
            allowedOrigins: try row.decode(column: "allowed_origins", as: String.self).split(separator: " ").map(String.init)
        )
    }

    static func dialingNumber(_ row: any SQLRow) throws -> DialingNumber {
        DialingNumber(
            number: phone(try row.decode(column: "number", as: String.self)),
            country: Country(rawValue: try row.decode(column: "country", as: String.self)) ?? .IN,
            purpose: NumberPurpose(rawValue: try row.decode(column: "purpose", as: String.self)) ?? .verification,
            modemIMEI: try row.decode(column: "modem_imei", as: String?.self),
            simICCID: try row.decode(column: "sim_iccid", as: String?.self),
            enabled: try row.decode(column: "enabled", as: Int.self) != 0,
            online: try row.decode(column: "online", as: Int.self) != 0,
            createdAt: try date(row, "created_at"),
            nodeID: try row.decode(column: "node_id", as: String?.self),
            leaseUntil: try optionalDate(row, "lease_until")
        )
    }

    static func session(_ row: any SQLRow) throws -> VerificationSession {
        VerificationSession(
            sid: try row.decode(column: "sid", as: String.self),
            passkeyID: try row.decode(column: "passkey_id", as: String.self),
            mobileAsGiven: try row.decode(column: "mobile_as_given", as: String.self),
            mobile: phone(try row.decode(column: "mobile", as: String.self)),
            country: Country(rawValue: try row.decode(column: "country", as: String.self)) ?? .IN,
            dialingNumber: phone(try row.decode(column: "dialing_number", as: String.self)),
            notifyURL: try row.decode(column: "notify_url", as: String?.self),
            email: try row.decode(column: "email", as: String?.self),
            clientIP: try row.decode(column: "client_ip", as: String?.self),
            createdAt: try date(row, "created_at"),
            expiresAt: try date(row, "expires_at"),
            status: SessionStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .pending,
            verifiedAt: try optionalDate(row, "verified_at"),
            callerAsPresented: try row.decode(column: "caller_as_presented", as: String?.self),
            callID: try row.decode(column: "call_id", as: String?.self)
        )
    }

    static func missedCall(_ row: any SQLRow) throws -> MissedCall {
        MissedCall(
            id: try row.decode(column: "id", as: String.self),
            dialedNumber: phone(try row.decode(column: "dialed_number", as: String.self)),
            caller: try row.decode(column: "caller", as: String?.self).map(phone),
            callerAsPresented: try row.decode(column: "caller_as_presented", as: String.self),
            receivedAt: try date(row, "received_at"),
            modemIMEI: try row.decode(column: "modem_imei", as: String?.self),
            result: CallResult(rawValue: try row.decode(column: "result", as: String.self)) ?? .unmatched,
            sessionSID: try row.decode(column: "session_sid", as: String?.self)
        )
    }

    static func listener(_ row: any SQLRow) throws -> Listener {
        Listener(
            number: phone(try row.decode(column: "number", as: String.self)),
            passkeyID: try row.decode(column: "passkey_id", as: String.self),
            notifyURL: try row.decode(column: "notify_url", as: String?.self),
            email: try row.decode(column: "email", as: String?.self),
            dedupeWindow: .seconds(try row.decode(column: "dedupe_seconds", as: Int.self)),
            createdAt: try date(row, "created_at")
        )
    }

    static func job(_ row: any SQLRow) throws -> OutboxJob {
        OutboxJob(
            id: try row.decode(column: "id", as: String.self),
            kind: OutboxKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .webhook,
            target: try row.decode(column: "target", as: String.self),
            payload: try row.decode(column: "payload", as: String.self),
            passkeyID: try row.decode(column: "passkey_id", as: String?.self),
            attempts: try row.decode(column: "attempts", as: Int.self),
            nextAttemptAt: try date(row, "next_attempt_at"),
            state: OutboxState(rawValue: try row.decode(column: "state", as: String.self)) ?? .pending,
            lastError: try row.decode(column: "last_error", as: String?.self),
            createdAt: try date(row, "created_at"),
            deliveredAt: try optionalDate(row, "delivered_at")
        )
    }

    static func attempt(_ row: any SQLRow) throws -> DeliveryAttempt {
        DeliveryAttempt(
            jobID: try row.decode(column: "job_id", as: String.self),
            attemptedAt: try date(row, "attempted_at"),
            result: DeliveryAttempt.Result(rawValue: try row.decode(column: "result", as: String.self)) ?? .failed,
            statusCode: try row.decode(column: "status_code", as: Int?.self),
            detail: try row.decode(column: "detail", as: String?.self),
            latency: .microseconds(try row.decode(column: "latency_us", as: Int64.self))
        )
    }
}
