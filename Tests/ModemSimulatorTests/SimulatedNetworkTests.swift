import Foundation
import Testing

@testable import ModemSimulator

#if canImport(Glibc)
import Glibc
#endif

/// The simulator's network and fault controls, driven over raw ptys without ModemKit.
@Suite("SimulatedNetwork and fault controls", .timeLimit(.minutes(1)))
struct SimulatedNetworkTests {
    typealias Raw = SimulatedModemTests

    /// Reads whatever arrives within `window`.
    static func drain(_ fd: CInt, for window: Duration = .milliseconds(200)) -> String {
        var received = ""
        var buffer = [UInt8](repeating: 0, count: 512)
        let deadline = ContinuousClock.now + window
        while ContinuousClock.now < deadline {
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 20) > 0 else { continue }
            let count = read(fd, &buffer, buffer.count)
            if count > 0 { received += String(decoding: buffer[0..<count], as: UTF8.self) }
        }
        return received
    }

    /// Two modems on one network: +914466949401 calls, +914466949402 is called.
    static func pair() throws -> (caller: SimulatedModem, callee: SimulatedModem, network: SimulatedNetwork) {
        let network = SimulatedNetwork()
        let caller = try SimulatedModem()
        let callee = try SimulatedModem(profile: SimulatedProfile(imei: "861234567890999"))
        network.attach(caller, number: "+914466949401")
        network.attach(callee, number: "+914466949402")
        return (caller, callee, network)
    }

    @Test("ATD rings the callee with the caller's number; the callee's hang-up gives the caller NO CARRIER")
    func callAndReject() throws {
        let (caller, callee, network) = try Self.pair()
        let callerFD = try Raw.openSlave(caller)
        let calleeFD = try Raw.openSlave(callee)
        defer {
            close(callerFD)
            close(calleeFD)
            caller.stop()
            callee.stop()
            _ = network
        }
        _ = Raw.exchange(calleeFD, "AT+CLIP=1", until: "OK\r\n")
        #expect(Raw.exchange(callerFD, "ATD+914466949402;", until: "OK\r\n").contains("OK"))
        #expect(Self.drain(calleeFD).contains("+CLIP: \"+914466949401\",145"))
        #expect(callee.calls.last?.caller == "+914466949401")
        #expect(Raw.exchange(calleeFD, "AT+CHUP", until: "OK\r\n").contains("OK"))
        #expect(Self.drain(callerFD).contains("NO CARRIER"))
        #expect(callee.calls.last?.hangUpCount == 1)
    }

    @Test("the caller hanging up ends the callee's ringing; an unknown number gives NO CARRIER")
    func callerHangsUpAndUnknownNumber() throws {
        let (caller, callee, network) = try Self.pair()
        let callerFD = try Raw.openSlave(caller)
        let calleeFD = try Raw.openSlave(callee)
        defer {
            close(callerFD)
            close(calleeFD)
            caller.stop()
            callee.stop()
            _ = network
        }
        _ = Raw.exchange(callerFD, "ATD+914466949402;", until: "OK\r\n")
        #expect(Raw.exchange(callerFD, "AT+CHUP", until: "OK\r\n").contains("OK"))
        #expect(Self.drain(calleeFD).contains("NO CARRIER"))
        #expect(callee.calls.last?.ended == true && callee.calls.last?.hangUpCount == 0)
        #expect(Raw.exchange(callerFD, "ATD+910000000000;", until: "NO CARRIER").contains("NO CARRIER"))
    }

    @Test("a modem that does not report calls stays silent while ringing; a wedged one answers only its release command")
    func deafAndWedged() throws {
        let simulator = try SimulatedModem(options: .init(ringInterval: .milliseconds(50)))
        let fd = try Raw.openSlave(simulator)
        defer {
            close(fd)
            simulator.stop()
        }
        _ = Raw.exchange(fd, "AT+CLIP=1", until: "OK\r\n")
        simulator.setOptions { $0.reportsCalls = false }
        simulator.ring(from: "+919920123456")
        #expect(Self.drain(fd, for: .milliseconds(300)).isEmpty)
        #expect(simulator.calls.count == 1)
        simulator.callerHangsUp()

        simulator.wedge(releasedBy: "ATZ")
        #expect(Raw.exchange(fd, "AT", until: "OK").isEmpty)
        #expect(Raw.exchange(fd, "ATZ", until: "OK\r\n").contains("OK"))
        #expect(Raw.exchange(fd, "AT", until: "OK\r\n").contains("OK"))
        #expect(!simulator.isSilent)
    }

    @Test("SIM and registration changes are announced in the flavour's words")
    func simAndRegistration() throws {
        let simulator = try SimulatedModem(profile: SimulatedProfile(flavor: .huawei))
        let fd = try Raw.openSlave(simulator)
        defer {
            close(fd)
            simulator.stop()
        }
        _ = Raw.exchange(fd, "ATE0", until: "OK\r\n")
        simulator.setSIM(.missing)
        #expect(Self.drain(fd).contains("^SIMST: 255"))
        #expect(Raw.exchange(fd, "AT+CPIN?", until: "ERROR").contains("+CME ERROR: 10"))
        simulator.setRegistration(2)
        #expect(Self.drain(fd).isEmpty, "not announced before AT+CREG=1")
        _ = Raw.exchange(fd, "AT+CREG=1", until: "OK\r\n")
        simulator.setRegistration(1)
        #expect(Self.drain(fd).contains("+CREG: 1"))
        #expect(Raw.exchange(fd, "AT+CREG?", until: "OK\r\n").contains("+CREG: 1,1"))
    }
}
