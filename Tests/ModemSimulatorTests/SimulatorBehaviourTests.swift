import Testing

@testable import ModemSimulator

@Suite("SimulatorBehaviour")
struct SimulatorBehaviourTests {
    @Test func answersIdentityPerFlavour() {
        var huawei = SimulatorBehaviour(profile: SimulatedProfile(flavor: .huawei))
        #expect(huawei.respond(to: "AT+CGMI").lines == ["huawei"])
        #expect(huawei.respond(to: "AT^ICCID?").lines == ["^ICCID: 8991101200003204510"])
        #expect(huawei.respond(to: "AT^CURC=0").final == "OK")
        var generic = SimulatorBehaviour(profile: SimulatedProfile())
        #expect(generic.respond(to: "AT^CURC=0").final == "ERROR")
        #expect(generic.respond(to: "AT^ICCID?").final == "ERROR")
        var wavecom = SimulatorBehaviour(profile: SimulatedProfile(flavor: .wavecom))
        let cpin = wavecom.respond(to: "AT+CPIN?")
        #expect(cpin.lines == ["+CPIN: READY"] && cpin.final == nil)
    }

    @Test func ringFramingFollowsTheHostSettings() {
        var behaviour = SimulatorBehaviour(profile: SimulatedProfile())
        #expect(behaviour.ringLines(caller: "+919920123456", validity: 0, framing: .ringThenCLIP) == ["RING"])
        _ = behaviour.respond(to: "AT+CLIP=1")
        #expect(
            behaviour.ringLines(caller: "+919920123456", validity: 0, framing: .ringThenCLIP)
                == ["RING", "+CLIP: \"+919920123456\",145,\"\",0,\"\",0"]
        )
        _ = behaviour.respond(to: "AT+CRC=1")
        #expect(
            behaviour.ringLines(caller: nil, validity: 1, framing: .clipThenRing)
                == ["+CLIP: \"\",128,\"\",0,\"\",1", "+CRING: VOICE"]
        )
        #expect(behaviour.ringLines(caller: "099", validity: 0, framing: .ringOnly) == ["+CRING: VOICE"])
    }

    @Test func hangUpEndsTheRingingCallOnce() {
        var behaviour = SimulatorBehaviour(profile: SimulatedProfile(flavor: .huawei))
        behaviour.ringingCaller = .some("+919920123456")
        #expect(behaviour.respond(to: "AT+CLCC").lines == ["+CLCC: 1,1,4,0,0,\"+919920123456\",145"])
        let first = behaviour.respond(to: "AT+CHUP")
        #expect(first.hungUp && first.unsolicitedAfter == ["^CEND:1,0,104,16"])
        #expect(!behaviour.respond(to: "ATH").hungUp)
        #expect(behaviour.respond(to: "AT+CLCC").lines.isEmpty)
    }

    @Test func pinAndSMS() {
        var behaviour = SimulatorBehaviour(profile: SimulatedProfile(sim: .pinRequired(pin: "1234")))
        #expect(behaviour.respond(to: "AT+CPIN?").lines == ["+CPIN: SIM PIN"])
        #expect(behaviour.respond(to: "AT+CPIN=\"0000\"").final == "+CME ERROR: 16")
        #expect(behaviour.respond(to: "AT+CPIN=\"1234\"").final == "OK")
        #expect(behaviour.respond(to: "AT+CPIN?").lines == ["+CPIN: READY"])
        _ = behaviour.respond(to: "AT+CSCS=\"UCS2\"")
        #expect(behaviour.respond(to: "AT+CMGS=\"002B0039\"").promptsForSMS)
        let (reply, sms) = behaviour.finishSMS(body: "004120AC")
        #expect(reply.lines == ["+CMGS: 1"])
        #expect(sms == SimulatedSMS(destination: "+9", text: "A€", characterSet: "UCS2"))
    }
}
