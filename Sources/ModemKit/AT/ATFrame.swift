/// One unit framed off the serial byte stream: a complete line, or the bare `> ` prompt that a
/// modem sends (without a line ending) when it waits for an SMS body.
public enum ATFrame: Equatable, Sendable {
    case line(String)
    case prompt
}
