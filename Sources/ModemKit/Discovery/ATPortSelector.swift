/// Picks the AT port among a dongle's ttys. Dongles expose several interfaces (diagnostics, NMEA,
/// PPP modem, AT/PC UI); calls are reported on the AT one, and which interface that is depends on
/// the vendor.
public enum ATPortSelector {
    /// Known USB vendors of GSM dongles and their AT interfaces, best first.
    public static let preferredInterfaces: [String: [Int]] = [
        "12d1": [2, 0],  // Huawei: if02 is PC UI (chan_dongle's "data" port), if00 the PPP modem
        "19d2": [2, 3, 1],  // ZTE
        "1e0e": [2, 3],  // SIMCom
        "2c7c": [2, 3],  // Quectel
        "05c6": [2, 3],  // Qualcomm-based (Quectel's older id)
        "114f": [0],  // Wavecom
    ]

    public static func isKnownModemVendor(_ vendorID: String) -> Bool {
        preferredInterfaces[vendorID.lowercased()] != nil
    }

    /// One AT port per USB device, for known modem vendors; unknown vendors are left out (a USB
    /// serial adapter is not a modem) unless `includeUnknown`, where the lowest interface is taken.
    public static func atPorts(from ports: [USBSerialPort], includeUnknown: Bool = false) -> [USBSerialPort] {
        let byDevice = Dictionary(grouping: ports, by: \.usbDeviceSysPath)
        var chosen: [USBSerialPort] = []
        for (_, ttys) in byDevice {
            let sorted = ttys.sorted { ($0.interfaceNumber ?? 99, $0.devicePath) < ($1.interfaceNumber ?? 99, $1.devicePath) }
            guard let first = sorted.first else { continue }
            if let preferred = preferredInterfaces[first.vendorID] {
                let pick = preferred.lazy.compactMap { number in sorted.first { $0.interfaceNumber == number } }.first
                chosen.append(pick ?? first)
            } else if includeUnknown {
                chosen.append(first)
            }
        }
        return chosen.sorted { $0.devicePath < $1.devicePath }
    }
}
