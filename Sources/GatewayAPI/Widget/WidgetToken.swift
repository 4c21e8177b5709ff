import Crypto
import Foundation
import SessionStore

/// The read token that lets a browser follow one session without the passkey: the first 128 bits
/// of HMAC-SHA256(webhook secret, "missedcall-widget-v1:" + session id), base64url. Any node of a
/// cluster can check it (the secret is in the shared store) and so can the app's backend, which
/// holds the same secret; nothing is stored per token. It reads one session, its status and the
/// number to dial, and only until `lifetimeAfterExpiry` past the session's expiry.
public enum WidgetToken {
    /// The widget reads the final state (verified or expired) a little after the window closes;
    /// after that the token is worth nothing.
    public static let lifetimeAfterExpiry: TimeInterval = 15 * 60

    public static func make(sid: String, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(("missedcall-widget-v1:" + sid).utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return Data(Array(mac).prefix(16)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    public static func make(for session: VerificationSession, passkey: PasskeyRecord) -> String {
        make(sid: session.sid, secret: passkey.webhookSecret)
    }

    /// Whether `token` opens `session` at `now`: made with the current secret or, while a rotation
    /// settles, the previous one; and the session ended less than `lifetimeAfterExpiry` ago.
    public static func opens(_ token: String, session: VerificationSession, passkey: PasskeyRecord, now: Date) -> Bool {
        guard now.timeIntervalSince(session.expiresAt) < lifetimeAfterExpiry else { return false }
        let secrets = [passkey.webhookSecret] + (passkey.previousWebhookSecret.map { [$0] } ?? [])
        return secrets.contains { ConstantTime.equal(make(sid: session.sid, secret: $0), token) }
    }
}
