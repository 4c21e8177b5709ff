/// How to drive one modem.
public struct ModemConfiguration: Sendable, Equatable {
    public var devicePath: String
    public var serial: SerialPort.Settings
    /// The SIM PIN, if the SIM asks for one.
    public var pin: String?
    /// How often registration, signal and operator are polled.
    public var pollInterval: Duration
    public var commandTimeout: Duration
    /// How often the watchdog sends `AT` to check that the modem still answers.
    public var probeInterval: Duration
    /// How long a probe waits for `OK`.
    public var probeTimeout: Duration
    /// Unanswered probes in a row before the modem is declared unresponsive.
    public var probeAttempts: Int
    /// How long the modem may stay unregistered before it is taken out of service and recovered
    /// (its numbers are offline from the first moment either way).
    public var registrationGrace: Duration
    public var callerIDGrace: Duration
    /// How long a SIM may answer "busy" (`+CME ERROR: 14`) after power-up or after its PIN before
    /// that counts as a fault; SIMs seen here take 1–5 s to read their files.
    public var simBusyTolerance: Duration

    public init(
        devicePath: String,
        serial: SerialPort.Settings = .init(),
        pin: String? = nil,
        pollInterval: Duration = .seconds(30),
        commandTimeout: Duration = .seconds(5),
        probeInterval: Duration = .seconds(10),
        probeTimeout: Duration = .seconds(2),
        probeAttempts: Int = 3,
        registrationGrace: Duration = .seconds(180),
        callerIDGrace: Duration = .milliseconds(500),
        simBusyTolerance: Duration = .seconds(10)
    ) {
        self.devicePath = devicePath
        self.serial = serial
        self.pin = pin
        self.pollInterval = pollInterval
        self.commandTimeout = commandTimeout
        self.probeInterval = probeInterval
        self.probeTimeout = probeTimeout
        self.probeAttempts = probeAttempts
        self.registrationGrace = registrationGrace
        self.callerIDGrace = callerIDGrace
        self.simBusyTolerance = simBusyTolerance
    }
}
