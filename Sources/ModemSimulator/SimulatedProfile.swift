/// Who a simulated modem is and how it talks.
public struct SimulatedProfile: Sendable, Equatable {
    public enum Flavor: String, Sendable, CaseIterable {
        case generic, huawei, simcom, quectel, zte, wavecom
    }

    public enum SIM: Sendable, Equatable {
        case ready
        case pinRequired(pin: String)
        case missing
    }

    public var flavor: Flavor
    public var manufacturer: String
    public var model: String
    public var revision: String
    public var imei: String
    public var imsi: String
    public var iccid: String
    /// What `AT+CNUM` answers; `nil` answers only `OK`, as most SIMs do.
    public var ownNumber: String?
    public var sim: SIM
    /// `+CREG` stat: 1 home, 5 roaming, 2 searching, 0 not registered.
    public var registration: Int
    public var signal: Int
    public var operatorName: String
    /// After a correct PIN the SIM answers `+CME ERROR: 14` (busy) to SIM commands this long, as
    /// real SIMs do while they read their files.
    public var simBusyAfterPIN: Duration = .zero
    /// The SIM has the call-waiting service: `AT+CCWA=1,...` is accepted and a second caller while
    /// the SIM is busy is shown as `+CCWA`; without it `AT+CCWA` is refused and they hear busy.
    public var supportsCallWaiting = true

    public init(
        flavor: Flavor = .generic,
        imei: String = "861234567890123",
        iccid: String = "8991101200003204510",
        ownNumber: String? = nil,
        sim: SIM = .ready,
        registration: Int = 1
    ) {
        self.flavor = flavor
        self.imei = imei
        self.imsi = "404450123456789"
        self.iccid = iccid
        self.ownNumber = ownNumber
        self.sim = sim
        self.registration = registration
        self.signal = 21
        self.operatorName = "Vodafone IN"
        switch flavor {
        case .generic: (manufacturer, model, revision) = ("Generic", "GSM Modem", "1.0")
        case .huawei: (manufacturer, model, revision) = ("huawei", "E1550", "11.608.12.02.143")
        case .simcom: (manufacturer, model, revision) = ("SIMCOM_Ltd", "SIMCOM_SIM7600E-H", "LE20B04SIM7600M22")
        case .quectel: (manufacturer, model, revision) = ("Quectel", "EC25", "EC25EFAR06A06M4G")
        case .zte: (manufacturer, model, revision) = ("ZTE INCORPORATED", "MF190", "BD_MF190V1.0.0B01")
        // Wavecom pads identity strings with spaces.
        case .wavecom: (manufacturer, model, revision) = ("WAVECOM MODEM  ", "  MULTIBAND  900E  1800 ", "R7.46")
        }
    }
}
