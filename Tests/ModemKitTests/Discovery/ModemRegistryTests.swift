import Testing

@testable import ModemKit

@Suite("ModemRegistry")
struct ModemRegistryTests {
    @Test func recognisesAModemByIMEIOnAnotherPath() {
        let registry = ModemRegistry()
        guard case .new(let first) = registry.sighted(imei: "861234567890123", iccid: "8991", devicePath: "/dev/ttyUSB2") else {
            Issue.record("first sighting should be new")
            return
        }
        let other = registry.sighted(imei: "869999999999999", iccid: nil, devicePath: "/dev/ttyUSB5")
        guard case .new(let second) = other else {
            Issue.record("another IMEI is another modem")
            return
        }
        #expect(first.id != second.id)
        let back = registry.sighted(imei: "861234567890123", iccid: "8991", devicePath: "/dev/ttyUSB8")
        #expect(
            back
                == .returning(
                    ModemRegistry.Record(id: first.id, imei: "861234567890123", iccid: "8991", devicePath: "/dev/ttyUSB8", appearances: 2),
                    previousPath: "/dev/ttyUSB2",
                    simChanged: false
                )
        )
        guard case .returning(_, _, let simChanged) = registry.sighted(imei: "861234567890123", iccid: "8992", devicePath: "/dev/ttyUSB8")
        else {
            Issue.record("same IMEI must be returning")
            return
        }
        #expect(simChanged)
    }
}
