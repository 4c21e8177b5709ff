/// How patient the recovery ladder is.
public struct RecoveryPolicy: Sendable, Equatable {
    /// Wait before each rung, indexed like `RecoveryRung.allCases`; the last value repeats.
    public var delays: [Duration]
    /// A modem that failed this many times after having been healthy, within `flapWindow`, is
    /// quarantined instead of being recovered again.
    public var flapLimit: Int
    public var flapWindow: Duration
    /// How long to let a modem restart after `AT+CFUN=1,1` before initialising it.
    public var radioResetSettle: Duration
    /// How long `AT+CFUN` may take to answer (switching the radio off takes seconds).
    public var resetTimeout: Duration
    /// How long the USB device stays de-authorised, and how long to wait for it to re-enumerate.
    public var usbOffTime: Duration
    public var usbSettle: Duration
    /// While a device node is gone, how often to look for it again (it may also come back under
    /// another path, found by IMEI through udev).
    public var reappearInterval: Duration

    public init(
        delays: [Duration] = [.seconds(2), .seconds(10), .seconds(30), .seconds(60)],
        flapLimit: Int = 4,
        flapWindow: Duration = .seconds(3600),
        radioResetSettle: Duration = .seconds(10),
        resetTimeout: Duration = .seconds(15),
        usbOffTime: Duration = .seconds(2),
        usbSettle: Duration = .seconds(15),
        reappearInterval: Duration = .seconds(5)
    ) {
        self.delays = delays
        self.flapLimit = flapLimit
        self.flapWindow = flapWindow
        self.radioResetSettle = radioResetSettle
        self.resetTimeout = resetTimeout
        self.usbOffTime = usbOffTime
        self.usbSettle = usbSettle
        self.reappearInterval = reappearInterval
    }

    func delay(before rung: RecoveryRung) -> Duration {
        let index = RecoveryRung.allCases.firstIndex(of: rung) ?? 0
        return delays.isEmpty ? .zero : delays[min(index, delays.count - 1)]
    }
}
