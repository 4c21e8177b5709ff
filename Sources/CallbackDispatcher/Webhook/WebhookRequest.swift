import Foundation
import SessionStore

/// One webhook request, built purely from the job: the original's GET with query parameters, or a
/// POST with a form or JSON body, signed, with the event id on every attempt.
public struct WebhookRequest: Sendable, Equatable {
    public var method: String
    public var url: NotifyURL
    public var headers: [(String, String)]
    public var body: [UInt8]

    public static func == (lhs: WebhookRequest, rhs: WebhookRequest) -> Bool {
        lhs.method == rhs.method && lhs.url == rhs.url && lhs.body == rhs.body
            && lhs.headers.map { "\($0.0): \($0.1)" } == rhs.headers.map { "\($0.0): \($0.1)" }
    }

    public static func build(
        url: NotifyURL,
        fields: CallbackFields,
        method: WebhookMethod,
        eventID: String,
        attempt: Int,
        secrets: [String],
        timestamp: Int,
        userAgent: String = "missedcall/1"
    ) -> WebhookRequest {
        let pairs = fields.pairs
        var target = url.target
        var body: [UInt8] = []
        var headers: [(String, String)] = [("User-Agent", userAgent)]
        let httpMethod: String
        switch method {
        case .get:
            httpMethod = "GET"
            target += (target.contains("?") ? (target.hasSuffix("?") || target.hasSuffix("&") ? "" : "&") : "?") + Self.formEncode(pairs)
        case .postForm:
            httpMethod = "POST"
            body = Array(Self.formEncode(pairs).utf8)
            headers.append(("Content-Type", "application/x-www-form-urlencoded"))
        case .postJSON:
            httpMethod = "POST"
            body = Array(Self.json(pairs + [("EventId", eventID)]).utf8)
            headers.append(("Content-Type", "application/json"))
        }
        headers.append(("X-Missedcall-Event-Id", eventID))
        headers.append(("X-Missedcall-Attempt", String(attempt)))
        if !secrets.isEmpty {
            headers.append(
                (
                    WebhookSigner.header,
                    WebhookSigner.headerValue(secrets: secrets, timestamp: timestamp, method: httpMethod, target: target, body: body)
                )
            )
        }
        return WebhookRequest(method: httpMethod, url: url.with(target: target), headers: headers, body: body)
    }

    /// `application/x-www-form-urlencoded`, spaces as `%20` (read the same by every parser).
    static func formEncode(_ pairs: [(String, String)]) -> String {
        pairs.map { percentEncode($0.0) + "=" + percentEncode($0.1) }.joined(separator: "&")
    }

    static func percentEncode(_ text: String) -> String {
        PercentEncoding.encode(text, keeping: PercentEncoding.unreserved)
    }

    static func json(_ pairs: [(String, String)]) -> String {
        let object = Dictionary(pairs, uniquingKeysWith: { first, _ in first })
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(object)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
