import ModemKit

/// The watchdog, the recovery ladder and self-test calls, as configured
/// (`docs/operations/modem-health.md`).
public struct ModemHealthSettings: Sendable {
    public var probeInterval: Duration = .seconds(10)
    public var probeTimeout: Duration = .seconds(2)
    public var probeAttempts = 3
    public var registrationGrace: Duration = .seconds(180)
    public var recovery = RecoveryPolicy()
    /// The last rung (USB re-authorisation) is tried only when enabled; it needs write access to
    /// the dongle's sysfs `authorized` file (the udev rule grants it to the dialout group).
    public var usbReset = true
    /// Where sysfs is (tests point it at a directory laid out like it).
    public var sysfsRoot = "/sys"
    /// Self-test calls between pool modems; zero turns them off.
    public var selfTestInterval: Duration = .zero
    /// How long the receiving modem has to report the self-test ring.
    public var selfTestTimeout: Duration = .seconds(30)
    /// Missed self-tests in a row before the receiving modem's numbers go offline and it is recovered.
    public var selfTestMissesAllowed = 2

    public init() {}

    func modemConfiguration(devicePath: String, pollSeconds: Int, pin: String?) -> ModemConfiguration {
        ModemConfiguration(
            devicePath: devicePath,
            pin: pin,
            pollInterval: .seconds(pollSeconds),
            probeInterval: probeInterval,
            probeTimeout: probeTimeout,
            probeAttempts: probeAttempts,
            registrationGrace: registrationGrace
        )
    }
}
