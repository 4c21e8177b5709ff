import Foundation
import Logging
import ModemKit
import ModemSimulator
import NIOPosix

// Ring → hang-up latency through a real pseudo-terminal: from the first byte of the ring written by
// the simulator to the hang-up command read by it. Run in release:
//   swift run -c release RingHangUpBenchmark [calls] [flavor]
let arguments = CommandLine.arguments.dropFirst()
let callCount = arguments.first.flatMap(Int.init) ?? 2000
let flavor = arguments.dropFirst().first.flatMap(SimulatedProfile.Flavor.init(rawValue:)) ?? .generic

func percentile(_ sorted: [UInt64], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
    return Double(sorted[max(0, min(sorted.count - 1, rank))]) / 1000
}

func runBenchmark() async throws {
    var logger = Logger(label: "bench")
    logger.logLevel = .error
    let simulator = try SimulatedModem(profile: SimulatedProfile(flavor: flavor))
    let modem = Modem(
        configuration: ModemConfiguration(devicePath: simulator.devicePath),
        group: MultiThreadedEventLoopGroup.singleton,
        logger: logger
    )
    let running = Task { await modem.run() }

    var events = modem.events.makeAsyncIterator()
    while let event = await events.next() {
        if case .stateChanged(.ready) = event { break }
        if case .stateChanged(.failed(let reason)) = event { fatalError("modem failed: \(reason)") }
    }

    var inside: [UInt64] = []
    for index in 0..<callCount {
        // A different caller each time, so no call looks like a leftover of the previous one.
        simulator.ring(from: "+9199\(String(format: "%08d", index))")
        var reported = false
        while let event = await events.next() {
            if case .incomingCall(let call) = event {
                reported = true
                if let latency = call.hangUpLatency { inside.append(latency) }
            }
            if case .callCleared = event, reported { break }
        }
    }
    simulator.unplug()
    _ = await running.value

    let calls = simulator.calls
    let latencies = calls.compactMap(\.ringToHangUp).sorted()
    let answered = calls.filter(\.answered).count
    let notExactlyOnce = calls.filter { $0.hangUpCount != 1 }.count
    let sawATA = simulator.receivedCommands.contains { $0.text.uppercased() == "ATA" }

    print("ring → hang-up through a pty, \(flavor) flavour, \(latencies.count) calls")
    print(
        String(
            format: "  pty end to end (ring written → hang-up read): p50 %.1f µs  p99 %.1f µs  max %.1f µs",
            percentile(latencies, 50),
            percentile(latencies, 99),
            percentile(latencies, 100)
        )
    )
    let sortedInside = inside.sorted()
    print(
        String(
            format: "  inside ModemKit (bytes read → hang-up written): p50 %.1f µs  p99 %.1f µs  max %.1f µs",
            percentile(sortedInside, 50),
            percentile(sortedInside, 99),
            percentile(sortedInside, 100)
        )
    )
    print("  calls not hung up exactly once: \(notExactlyOnce); answered: \(answered); ATA seen: \(sawATA)")
    if notExactlyOnce > 0 || answered > 0 || sawATA || latencies.count != callCount { exit(1) }
}

try await runBenchmark()
