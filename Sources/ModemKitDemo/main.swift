import Foundation
import Logging
import ModemKit
import ModemSimulator
import NIOPosix

// A ModemKit demo without hardware: a simulated modem on a pseudo-terminal rings from a few
// callers; ModemKit rejects each call at once and prints it. The full daemon replaces this later.
LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
    return handler
}
let logger = Logger(label: "modemkit-demo")
let arguments = CommandLine.arguments.dropFirst()
let flavor = arguments.first.flatMap(SimulatedProfile.Flavor.init(rawValue:)) ?? .huawei
let calls = arguments.dropFirst().first.flatMap(Int.init) ?? 5

let simulator = try SimulatedModem(profile: SimulatedProfile(flavor: flavor))
print("simulated \(flavor) modem on \(simulator.devicePath)")
let modem = Modem(
    configuration: ModemConfiguration(devicePath: simulator.devicePath, pollInterval: .seconds(5)),
    group: MultiThreadedEventLoopGroup.singleton,
    logger: logger
)

let running = Task { await modem.run() }
var ready = false
for await event in modem.events {
    switch event {
    case .stateChanged(let state):
        print("state: \(state)")
        if state == .ready, !ready {
            ready = true
            let identity = modem.status.identity
            print("modem: \(identity.manufacturer ?? "?") \(identity.model ?? "?"), IMEI \(identity.imei ?? "?"), ICCID \(identity.iccid ?? "?")")
            Task {
                let callers: [String?] = ["+919920123456", "09876543210", nil, "+14155550123", "+447700900123"]
                for index in 0..<calls {
                    simulator.ring(from: callers[index % callers.count])
                    try await Task.sleep(for: .milliseconds(300))
                }
                try await Task.sleep(for: .milliseconds(300))
                simulator.unplug()
            }
        }
    case .incomingCall(let call):
        let latency = call.hangUpLatency.map { String(format: "%.0f µs", Double($0) / 1000) } ?? "-"
        print("rejected call from \(call.caller) (hang-up written \(latency) after the ring)")
    default:
        break
    }
    if case .stateChanged(.disconnected) = event { break }
}
_ = await running.value
let summary = simulator.calls.map { "call \($0.id): hung up \($0.hangUpCount)x, answered: \($0.answered)" }
print(summary.joined(separator: "\n"))
