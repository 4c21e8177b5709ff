import Foundation

/// A call that rang a modem and was hung up without being answered.
public struct IncomingCall: Sendable, Equatable {
    public var caller: CallerID
    /// Wall-clock time the call was detected, for records and callbacks.
    public var receivedAt: Date
    /// CLOCK_MONOTONIC nanoseconds when the first ring or caller ID was read off the port.
    public var detectedAt: UInt64
    /// CLOCK_MONOTONIC nanoseconds when the hang-up command was written (0 if it was not needed:
    /// the caller had already gone).
    public var hangUpWrittenAt: UInt64

    public init(caller: CallerID, receivedAt: Date, detectedAt: UInt64, hangUpWrittenAt: UInt64) {
        self.caller = caller
        self.receivedAt = receivedAt
        self.detectedAt = detectedAt
        self.hangUpWrittenAt = hangUpWrittenAt
    }

    /// Detection → hang-up write latency inside ModemKit, in nanoseconds.
    public var hangUpLatency: UInt64? {
        hangUpWrittenAt >= detectedAt && hangUpWrittenAt > 0 ? hangUpWrittenAt - detectedAt : nil
    }
}
