import Foundation
import Testing

@testable import ModemSimulator

#if canImport(Glibc)
import Glibc
#endif

/// Talks to the simulator as a raw tty client would, without ModemKit.
@Suite("SimulatedModem over a pty", .timeLimit(.minutes(1)))
struct SimulatedModemTests {
    /// Opens the slave side, writes `command\r` and reads until `until` shows up.
    static func exchange(_ fd: CInt, _ command: String, until marker: String) -> String {
        _ = command.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, command.utf8.count) }
        _ = "\r".withCString { write(fd, $0, 1) }
        var received = ""
        var buffer = [UInt8](repeating: 0, count: 512)
        let deadline = Date().addingTimeInterval(3)
        while !received.contains(marker), Date() < deadline {
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 100) > 0 else { continue }
            let count = read(fd, &buffer, buffer.count)
            if count > 0 { received += String(decoding: buffer[0..<count], as: UTF8.self) }
        }
        return received
    }

    static func openSlave(_ simulator: SimulatedModem) throws -> CInt {
        let fd = open(simulator.devicePath, O_RDWR | O_NOCTTY)
        try #require(fd >= 0)
        return fd
    }

    @Test func echoesUntilATE0AndRecordsCommandsWithTimestamps() throws {
        let simulator = try SimulatedModem()
        let fd = try Self.openSlave(simulator)
        defer {
            close(fd)
            simulator.stop()
        }
        #expect(Self.exchange(fd, "AT", until: "OK\r\n") == "AT\r\r\nOK\r\n")
        #expect(Self.exchange(fd, "ATE0", until: "OK\r\n") == "ATE0\r\r\nOK\r\n")
        #expect(Self.exchange(fd, "AT+CSQ", until: "OK\r\n") == "\r\n+CSQ: 21,99\r\n\r\nOK\r\n")
        let commands = simulator.receivedCommands
        #expect(commands.map(\.text) == ["AT", "ATE0", "AT+CSQ"])
        #expect(zip(commands, commands.dropFirst()).allSatisfy { $0.at <= $1.at })
    }

    @Test func ringsRepeatUntilHungUpAndCountHangUps() async throws {
        let simulator = try SimulatedModem(options: .init(ringInterval: .milliseconds(50)))
        let fd = try Self.openSlave(simulator)
        defer {
            close(fd)
            simulator.stop()
        }
        _ = Self.exchange(fd, "AT+CLIP=1", until: "OK\r\n")
        simulator.ring(from: "+919920123456")
        #expect(await simulator.wait { $0.calls[0].rings >= 3 })
        #expect(Self.exchange(fd, "AT+CHUP", until: "OK\r\n").contains("OK"))
        let rings = simulator.calls[0].rings
        try await Task.sleep(for: .milliseconds(200))
        #expect(simulator.calls[0].rings == rings)
        #expect(simulator.calls[0].hangUpCount == 1)
        #expect(simulator.calls[0].ringToHangUp != nil)
    }

    @Test func unplugHangsUpTheOtherSide() async throws {
        let simulator = try SimulatedModem()
        let fd = try Self.openSlave(simulator)
        defer { close(fd) }
        simulator.unplug()
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let deadline = Date().addingTimeInterval(3)
        var hungUp = false
        while !hungUp, Date() < deadline {
            _ = poll(&descriptor, 1, 100)
            hungUp = descriptor.revents & Int16(POLLHUP) != 0
        }
        #expect(hungUp)
    }
}
