import Dispatch
import Foundation
import Logging
import SessionStore

#if canImport(Glibc)
import Glibc
#endif

/// `missedcalld [--config PATH]`: loads the configuration, starts the gateway, prints how to try it
/// when modems are simulated, and stops gracefully on SIGTERM or SIGINT.
public enum MissedCallDaemon {
    public static func main() async {
        // Before any file, socket or thread exists: nothing we create is ever open to others.
        PrivateFiles.restrictUmask()
        var arguments = CommandLine.arguments.dropFirst()
        var configPath: String?
        while let argument = arguments.popFirst() {
            switch argument {
            case "--config":
                guard let path = arguments.popFirst() else { fail("--config needs a path") }
                configPath = path
            case "-h", "--help":
                print("usage: missedcalld [--config PATH]\n\nSettings come from the JSON file and MISSEDCALL_* environment variables;\nsee docs/operations/configuration.md.")
                return
            default:
                fail("unknown argument '\(argument)'; try --help")
            }
        }
        let level = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "missedcalld")
        // Before anything starts: a SIGTERM during start-up must still mean a graceful stop.
        let termination = TerminationSignal()
        do {
            let configuration = try await GatewayConfiguration.load(file: configPath)
            let service = try await GatewayService.start(configuration, logger: logger)
            logger.info("missedcalld started", metadata: [
                "http": "\(configuration.httpHost):\(service.httpPort ?? configuration.httpPort)", "admin": "\(configuration.adminSocketPath)",
                "simulatedModems": "\(configuration.simulatedModems)",
            ])
            if configuration.simulatedModems > 0 {
                try await printDemo(service, configuration)
            }
            reloadOnHangUp(service)
            await termination.wait()
            logger.info("stopping: finishing in-flight deliveries")
            await service.stop()
        } catch {
            fail("\(error)")
        }
    }

    /// The demo passkey is created once and kept in the state folder (mode 0600).
    static func printDemo(_ service: GatewayService, _ configuration: GatewayConfiguration) async throws {
        let file = configuration.stateDirectory + "/demo-passkey"
        try PrivateFiles.narrow(file, keeping: PrivateFiles.fileMode)
        var token = (try? String(contentsOfFile: file, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        let existing: PasskeyRecord? = if let token { try? await service.store.authenticate(token) } else { nil }
        if existing == nil {
            let created = try await service.store.createPasskey(NewPasskey(label: "demo"))
            token = created.token.canonical
            try PrivateFiles.write(Data((created.token.canonical + "\n").utf8), to: file)
        }
        try? await Task.sleep(for: .milliseconds(500))  // let the simulated modems come up
        let numbers = try await service.store.dialingNumbers().filter { $0.purpose == .verification }.map(\.number.nationalDialingForm)
        let base = "http://\(configuration.httpHost):\(service.httpPort ?? configuration.httpPort)"
        FileHandle.standardOutput.write(Data("""

            missedcalld is running with \(configuration.simulatedModems) simulated modem(s); pool: \(numbers.joined(separator: ", "))
            demo passkey: \(token ?? "?")

            1. ask for a number to call:
               curl '\(base)/Integ/API.dvf?mobile=9920123456&passkey=\(token ?? "")&notify=NA&out=JSON'
            2. give it a missed call (VerificationNode from step 1):
               .build/debug/missedcallctl simulate call --from 9920123456 --to \(numbers.first ?? "")
               (or: curl --unix-socket \(configuration.adminSocketPath) -X POST 'http://admin/simulate/call?from=9920123456&to=\(numbers.first ?? "")')
            3. see it verified (SessionId from step 1):
               curl '\(base)/Integ/UserLayer/DataFeed_APIV2.dvf?SID=<SessionId>'
            modems and their health (and, with two or more, a self-test call from one to another):
               .build/debug/missedcallctl modems
               .build/debug/missedcallctl modems self-test \(ModemFleet.simulatedIMEI(max(1, configuration.simulatedModems)))

            """.utf8))
    }

    static func reloadOnHangUp(_ service: GatewayService) {
        signal(SIGHUP, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
        source.setEventHandler { service.reload() }
        source.resume()
        SignalSources.keep(source)
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("missedcalld: \(message)\n".utf8))
        exit(1)
    }
}

/// SIGTERM or SIGINT, caught from the moment it is made; `wait()` returns once one arrived
/// (at once if it already did).
final class TerminationSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var arrived = false
    private var waiter: CheckedContinuation<Void, Never>?

    init() {
        for number in [SIGTERM, SIGINT] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in fire() }
            source.resume()
            SignalSources.keep(source)
        }
    }

    private func fire() {
        lock.lock()
        arrived = true
        let pending = waiter
        waiter = nil
        lock.unlock()
        pending?.resume()
    }

    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            lock.lock()
            if arrived {
                lock.unlock()
                continuation.resume()
            } else {
                waiter = continuation
                lock.unlock()
            }
        }
    }
}

/// Keeps signal sources alive for the life of the process.
enum SignalSources {
    nonisolated(unsafe) static var sources: [any DispatchSourceSignal] = []
    static func keep(_ source: any DispatchSourceSignal) { sources.append(source) }
}
