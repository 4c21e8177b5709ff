/// The shapes of a modem's identifiers, checked by missedcallctl's parser and again by the daemon.
public enum ModemIdentifiers {
    /// An IMEI as `AT+CGSN` prints it: 15 digits. (The check digit is not verified: some dongles
    /// report IMEIs whose check digit is wrong, and they must still be usable.)
    public static func isIMEI(_ text: String) -> Bool {
        text.count == 15 && text.allSatisfy(\.isASCIIDigit)
    }

    /// An ICCID as `AT+CCID`/`AT^ICCID` prints it, without a trailing `F`: 18 to 22 digits.
    public static func isICCID(_ text: String) -> Bool {
        (18...22).contains(text.count) && text.allSatisfy(\.isASCIIDigit)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
