/// Decides what one framed line is, given the command in flight (if any). Pure, so every modem quirk
/// it handles is table-tested: echo left on, unsolicited lines in the middle of a reply, call-progress
/// words that are final for `ATD`/`ATH` but unsolicited otherwise.
public enum ATLineRouter {
    public enum Decision: Sendable, Equatable {
        case echo
        case final(FinalResult)
        case information
        case unsolicited(UnsolicitedResult)
        /// Nothing we know: logged and skipped.
        case unrecognized
    }

    public static func route(_ line: String, pending command: ATCommand?) -> Decision {
        guard let command else {
            if let urc = UnsolicitedResult.parse(line) { return .unsolicited(urc) }
            if isEcho(line) { return .echo }
            return .unrecognized
        }
        if isEcho(line, of: command) { return .echo }
        if let final = FinalResult.parse(line) {
            if final.isGeneral || command.acceptsCallProgress { return .final(final) }
            // NO CARRIER while we wait for AT+CSQ is the caller hanging up, not the reply.
            if let urc = UnsolicitedResult.parse(line) { return .unsolicited(urc) }
            return .unrecognized
        }
        let isOwnReply = command.responsePrefix.map { line.hasPrefix($0) } ?? true
        if let urc = UnsolicitedResult.parse(line), !isOwnReply || urc.concernsCalls || command.responsePrefix == nil {
            return .unsolicited(urc)
        }
        // A command with a known prefix takes only its own lines: anything else is line noise.
        return isOwnReply ? .information : .unrecognized
    }

    /// The command line echoed back (echo is on after power-up, before our `ATE0`).
    static func isEcho(_ line: String, of command: ATCommand) -> Bool {
        line.count == command.text.count && line.uppercased() == command.text.uppercased()
            || (line.hasPrefix("AT") && isEcho(line) && command.text.uppercased().hasPrefix(line.uppercased()))
    }

    /// Any line that looks like a command we could have sent.
    static func isEcho(_ line: String) -> Bool {
        let upper = line.uppercased()
        guard upper.hasPrefix("AT") else { return false }
        return upper.count == 2 || upper.dropFirst(2).first.map { "+^&*$EHIZDVQX".contains($0) } ?? false
    }
}
