/// One call the simulator rang, and what the modem under test did to it.
public struct SimulatedCall: Sendable, Equatable {
    public var id: Int
    /// `nil` for a withheld or unavailable caller.
    public var caller: String?
    /// CLOCK_MONOTONIC nanoseconds just before the first byte of the first ring was written.
    public var ringWrittenAt: UInt64
    public var rings: Int
    /// CLOCK_MONOTONIC nanoseconds when each hang-up command was read (one expected).
    public var hangUpsReadAt: [UInt64]
    /// `ATA` was received while this call rang: must never happen.
    public var answered: Bool
    public var ended: Bool
    /// It came while the SIM was busy with another call and was shown as `+CCWA` (call waiting on).
    public var waited = false
    /// It came while the SIM was busy and call waiting was off: the caller heard busy and the modem
    /// under test was never told.
    public var heardBusy = false

    public var hangUpCount: Int { hangUpsReadAt.count }

    /// First ring byte written → first hang-up command read.
    public var ringToHangUp: UInt64? {
        hangUpsReadAt.first.map { $0 &- ringWrittenAt }
    }
}

/// A command the simulator received.
public struct ReceivedCommand: Sendable, Equatable {
    public var text: String
    public var at: UInt64
}

/// An SMS the modem under test sent through the simulator.
public struct SimulatedSMS: Sendable, Equatable {
    public var destination: String
    public var text: String
    public var characterSet: String

    public init(destination: String, text: String, characterSet: String) {
        self.destination = destination
        self.text = text
        self.characterSet = characterSet
    }
}
