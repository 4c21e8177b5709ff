/// A snapshot of everything known about a modem, for the admin API and metrics.
public struct ModemStatus: Sendable, Equatable {
    public var devicePath: String
    public var state: ModemState
    public var identity: ModemIdentity
    public var simState: SIMState?
    public var registration: RegistrationStatus?
    public var signal: SignalQuality?
    public var operatorName: String?
    public var callsRejected: Int
    /// Calls the network connected although we never answer: voicemail or call forwarding on the
    /// SIM (see the operator's guide to switch them off).
    public var callsAnswered: Int
    public var unrecognizedLines: Int

    public init(devicePath: String) {
        self.devicePath = devicePath
        self.state = .probing
        self.identity = ModemIdentity()
        self.callsRejected = 0
        self.callsAnswered = 0
        self.unrecognizedLines = 0
    }
}
