/// One AT command as the channel runs it.
public struct ATCommand: Sendable, Equatable {
    /// The command text without the trailing CR, e.g. `AT+CSQ`.
    public var text: String
    /// The prefix of this command's information lines (`+CSQ:`); lines with another prefix that look
    /// unsolicited are routed as unsolicited even in the middle of this reply.
    public var responsePrefix: String?
    public var timeout: Duration
    /// Call-progress results (`NO CARRIER`, `BUSY`, ...) end this command instead of being
    /// unsolicited: dial and hang-up commands.
    public var acceptsCallProgress: Bool
    /// Text sent after the `> ` prompt, terminated by Ctrl-Z (SMS send).
    public var promptPayload: String?
    /// Ends the command on its first information line (Wavecom answers `AT+CPIN?` without `OK`).
    public var completesOnInformation: Bool

    public init(
        _ text: String,
        responsePrefix: String? = nil,
        timeout: Duration = .seconds(5),
        acceptsCallProgress: Bool = false,
        promptPayload: String? = nil,
        completesOnInformation: Bool = false
    ) {
        self.text = text
        self.responsePrefix = responsePrefix
        self.timeout = timeout
        self.acceptsCallProgress = acceptsCallProgress
        self.promptPayload = promptPayload
        self.completesOnInformation = completesOnInformation
    }

    /// The text as logs and errors show it: commands that carry a secret (the SIM PIN or PUK, a
    /// facility password) keep their name and lose their arguments, `AT+CPIN=<redacted>`. Every
    /// log line and `ATChannelError` that names a command uses this, at every level, trace too.
    public var loggedText: String { Self.redacted(text) }

    static let secretBearing = ["AT+CPIN=", "AT+CPIN2=", "AT^CPIN=", "AT+CLCK=", "AT+CPWD=", "AT+CSIM="]

    static func redacted(_ text: String) -> String {
        let upper = text.uppercased()
        guard let name = secretBearing.first(where: { upper.hasPrefix($0) }) else { return text }
        return String(text.prefix(name.count)) + "<redacted>"
    }

    /// A command whose prefix is derived from its text: `AT+CSQ` → `+CSQ:`, `AT^ICCID?` → `^ICCID:`.
    public static func query(_ text: String, timeout: Duration = .seconds(5)) -> ATCommand {
        ATCommand(text, responsePrefix: derivedPrefix(text), timeout: timeout)
    }

    static func derivedPrefix(_ text: String) -> String? {
        guard text.count > 3, text.uppercased().hasPrefix("AT") else { return nil }
        var name = text.dropFirst(2)
        guard let first = name.first, first == "+" || first == "^" || first == "*" || first == "$" else { return nil }
        if let cut = name.firstIndex(where: { $0 == "=" || $0 == "?" }) { name = name[..<cut] }
        return String(name) + ":"
    }
}
