/// How to drive one modem.
public struct ModemConfiguration: Sendable, Equatable {
    public var devicePath: String
    public var serial: SerialPort.Settings
    /// The SIM PIN, if the SIM asks for one.
    public var pin: String?
    /// How often registration, signal and operator are polled.
    public var pollInterval: Duration
    public var commandTimeout: Duration
    /// `AT` probes before the modem is declared failed.
    public var probeAttempts: Int
    public var callerIDGrace: Duration

    public init(
        devicePath: String,
        serial: SerialPort.Settings = .init(),
        pin: String? = nil,
        pollInterval: Duration = .seconds(30),
        commandTimeout: Duration = .seconds(5),
        probeAttempts: Int = 5,
        callerIDGrace: Duration = .milliseconds(500)
    ) {
        self.devicePath = devicePath
        self.serial = serial
        self.pin = pin
        self.pollInterval = pollInterval
        self.commandTimeout = commandTimeout
        self.probeAttempts = probeAttempts
        self.callerIDGrace = callerIDGrace
    }
}
