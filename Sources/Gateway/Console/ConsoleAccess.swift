import Crypto
import Foundation
import GatewayAPI
import SessionStore

/// Who may use the console and how a form proves it came from a console page.
///
/// On the admin socket the socket's file mode already decides who connects (the same people as
/// `missedcallctl`). The optional loopback listener cannot see Unix permissions, so it asks once
/// for a login key that only the admin socket hands out (`missedcallctl console`), then keeps a
/// cookie. Every POST carries a CSRF token bound to the same secret, so a page elsewhere that
/// makes the browser post to the console is refused.
struct ConsoleAccess: Sendable {
    /// What the loopback listener's login asks for (printed by `missedcallctl console`).
    let loginKey: String
    /// The cookie the login sets: a different value, so the cookie alone cannot be replayed as a key.
    let sessionCookie: String
    /// The hidden field of every form.
    let csrfToken: String

    /// All three derive from 256 random bits kept in the state folder (`console-secret`, mode
    /// 0600): stable across restarts, so an open console tab keeps working.
    init(secret: SymmetricKey) {
        func derive(_ purpose: String) -> String {
            Hex.encode(HMAC<SHA256>.authenticationCode(for: Data(purpose.utf8), using: secret))
        }
        loginKey = derive("console-login-v1")
        sessionCookie = derive("console-session-v1")
        csrfToken = derive("console-csrf-v1")
    }

    static let cookieName = "missedcall_console"

    static func load(stateDirectory: String) throws -> ConsoleAccess {
        let file = stateDirectory + "/console-secret"
        try PrivateFiles.narrow(file, keeping: PrivateFiles.fileMode)
        if let text = try? String(contentsOfFile: file, encoding: .utf8),
            let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)),
            data.count == 32
        {
            return ConsoleAccess(secret: SymmetricKey(data: data))
        }
        let key = SymmetricKey(size: .bits256)
        let encoded = key.withUnsafeBytes { Data($0).base64EncodedString() }
        try PrivateFiles.write(Data((encoded + "\n").utf8), to: file)
        return ConsoleAccess(secret: key)
    }

    func hasSession(cookieHeader: String?) -> Bool {
        guard let cookieHeader else { return false }
        return cookieHeader.split(separator: ";").contains { part in
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1).map(String.init)
            return pair.count == 2 && pair[0] == Self.cookieName && ConstantTime.equal(pair[1], sessionCookie)
        }
    }
}
