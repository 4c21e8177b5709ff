/// Wavecom / Sierra (Fastrack): `+CPIN: READY` arrives without `OK`, identity strings carry padding
/// spaces (the identity parser collapses them), `+WIND` reports that `AT+WIND=0` turns off.
public struct WavecomQuirks: VendorQuirks {
    public init() {}
    public var vendor: Vendor { .wavecom }
    public var setupCommands: [String] { ["AT+WIND=0"] }
    public var simStatusCommand: ATCommand {
        ATCommand("AT+CPIN?", responsePrefix: "+CPIN:", timeout: .seconds(2), completesOnInformation: true)
    }
}
