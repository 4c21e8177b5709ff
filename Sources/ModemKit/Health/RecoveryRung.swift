/// One step of the recovery ladder, gentlest first. Each rung ends by initialising the modem again;
/// what differs is how hard it is shaken before that.
public enum RecoveryRung: String, Sendable, CaseIterable, Codable, CustomStringConvertible {
    /// Close and open the tty again, then initialise.
    case reopenPort = "reopen-port"
    /// Open, soft-reset the command interpreter (`ATZ`), then initialise.
    case reinitialise
    /// Open, restart the radio and firmware (`AT+CFUN=1,1`, or `CFUN=0` then `1`), then initialise.
    case radioReset = "radio-reset"
    /// De-authorise and re-authorise the USB device in sysfs (`authorized` 0 → 1), as unplugging
    /// and plugging it back would; the dongle re-enumerates.
    case usbReauthorise = "usb-reauthorise"

    public var description: String { rawValue }
}
