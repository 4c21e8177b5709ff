/// Network registration as `+CREG` reports it.
public enum RegistrationStatus: Int, Sendable, Equatable, CustomStringConvertible {
    case notRegistered = 0
    case home = 1
    case searching = 2
    case denied = 3
    case unknown = 4
    case roaming = 5

    public var isRegistered: Bool { self == .home || self == .roaming }

    public var description: String {
        switch self {
        case .notRegistered: return "not-registered"
        case .home: return "home"
        case .searching: return "searching"
        case .denied: return "denied"
        case .unknown: return "unknown"
        case .roaming: return "roaming"
        }
    }

    /// Parses a `+CREG:` line in either form: the query reply `+CREG: <n>,<stat>[,<lac>,<ci>]` or the
    /// unsolicited `+CREG: <stat>[,<lac>,<ci>]`.
    public static func parse(_ line: String) -> RegistrationStatus? {
        guard let value = ATFields.value(of: line, prefix: "+CREG:") ?? ATFields.value(of: line, prefix: "+CGREG:")
        else { return nil }
        let fields = ATFields(value)
        let statIndex: Int
        if fields.count == 1 || fields.isQuoted(1) {
            statIndex = 0  // unsolicited form
        } else {
            statIndex = 1
        }
        return fields.int(statIndex).flatMap(RegistrationStatus.init(rawValue:))
    }
}

/// Received signal strength from `+CSQ: <rssi>,<ber>` (or Huawei's `^RSSI: <rssi>`).
public struct SignalQuality: Sendable, Equatable {
    /// 0...31, or `nil` when the modem reports 99 (not known).
    public var rssi: Int?

    public init(rssi: Int?) { self.rssi = rssi }

    /// dBm as 27.007 maps it: 0 → -113 dBm, 31 → -51 dBm or better.
    public var dBm: Int? { rssi.map { -113 + 2 * $0 } }

    public static func parse(_ line: String) -> SignalQuality? {
        guard let value = ATFields.value(of: line, prefix: "+CSQ:") ?? ATFields.value(of: line, prefix: "^RSSI:")
        else { return nil }
        guard let rssi = ATFields(value).int(0) else { return nil }
        return SignalQuality(rssi: (0...31).contains(rssi) ? rssi : nil)
    }
}

/// The network operator from `+COPS: <mode>[,<format>,<oper>[,<AcT>]]`.
public enum OperatorParser {
    public static func parse(_ line: String) -> String? {
        guard let value = ATFields.value(of: line, prefix: "+COPS:") else { return nil }
        let name = ATFields(value)[2]?.trimmingASCIIWhitespace() ?? ""
        return name.isEmpty ? nil : name
    }
}
