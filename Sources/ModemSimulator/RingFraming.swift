/// How a simulated modem announces an incoming call. `RING` becomes `+CRING: VOICE` once the host
/// has sent `AT+CRC=1`; `+CLIP` is sent only after `AT+CLIP=1`.
public enum RingFraming: Sendable, Equatable, CaseIterable {
    /// `RING` then `+CLIP` (most modems).
    case ringThenCLIP
    /// `+CLIP` first, then `RING` (some ZTE and Qualcomm firmware).
    case clipThenRing
    /// `+CLIP` with no `RING` at all.
    case clipOnly
    /// `RING` only: the host must ask `AT+CLCC`.
    case ringOnly
}
