import Crypto
import Foundation
import SessionStore

/// Signs webhooks so receivers can tell they came from us and were not altered:
/// `X-Missedcall-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>]`, where each `v1` is
/// HMAC-SHA256(secret, "<t>.<METHOD>.<request target>.<body>") — one per valid secret (two during a
/// rotation). Receivers recompute it, compare in constant time and reject old timestamps.
public enum WebhookSigner {
    public static let header = "X-Missedcall-Signature"

    public static func signature(secret: String, timestamp: Int, method: String, target: String, body: [UInt8]) -> String {
        var message = Array("\(timestamp).\(method).\(target).".utf8)
        message.append(contentsOf: body)
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data(secret.utf8)))
        return Hex.encode(code)
    }

    public static func headerValue(secrets: [String], timestamp: Int, method: String, target: String, body: [UInt8]) -> String {
        (["t=\(timestamp)"] + secrets.map { "v1=" + signature(secret: $0, timestamp: timestamp, method: method, target: target, body: body) })
            .joined(separator: ",")
    }

    /// The receiver's check, used by our tests and shown in the docs: true when one `v1` matches
    /// and the timestamp is within `tolerance` seconds of `now`.
    public static func verify(
        headerValue: String,
        secret: String,
        method: String,
        target: String,
        body: [UInt8],
        now: Int,
        tolerance: Int = 300
    ) -> Bool {
        var timestamp: Int?
        var signatures: [String] = []
        for part in headerValue.split(separator: ",") {
            let pieces = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pieces.count == 2 else { continue }
            if pieces[0] == "t" { timestamp = Int(pieces[1]) }
            if pieces[0] == "v1" { signatures.append(pieces[1]) }
        }
        guard let timestamp, abs(now - timestamp) <= tolerance else { return false }
        let expected = Array(signature(secret: secret, timestamp: timestamp, method: method, target: target, body: body).utf8)
        return signatures.contains { candidate in
            let bytes = Array(candidate.utf8)
            guard bytes.count == expected.count else { return false }
            return zip(bytes, expected).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
        }
    }
}
