import Synchronization

/// Remembers modems by IMEI (and their SIM by ICCID), so a dongle that drops off the bus and comes
/// back as another tty is recognised as the same modem, with the same pool numbers.
public final class ModemRegistry: Sendable {
    public struct Record: Sendable, Equatable {
        /// Stable for the life of the process: assigned on first sight of an IMEI.
        public var id: Int
        public var imei: String
        public var iccid: String?
        public var devicePath: String
        /// How many times this IMEI was seen coming up (1 the first time).
        public var appearances: Int
    }

    public enum Sighting: Sendable, Equatable {
        case new(Record)
        /// Seen before; `previousPath` is where it was.
        case returning(Record, previousPath: String, simChanged: Bool)
    }

    private let records = Mutex<(next: Int, byIMEI: [String: Record])>((1, [:]))

    public init() {}

    /// Records that the modem with this identity is up on `devicePath`.
    public func sighted(imei: String, iccid: String?, devicePath: String) -> Sighting {
        records.withLock { state in
            if var record = state.byIMEI[imei] {
                let previous = record.devicePath
                let simChanged = record.iccid != nil && iccid != nil && record.iccid != iccid
                record.devicePath = devicePath
                record.iccid = iccid ?? record.iccid
                record.appearances += 1
                state.byIMEI[imei] = record
                return .returning(record, previousPath: previous, simChanged: simChanged)
            }
            let record = Record(id: state.next, imei: imei, iccid: iccid, devicePath: devicePath, appearances: 1)
            state.next += 1
            state.byIMEI[imei] = record
            return .new(record)
        }
    }

    /// The stable id of the modem with this IMEI, if it was seen.
    public func id(imei: String) -> Int? {
        records.withLock { $0.byIMEI[imei]?.id }
    }
}
