import AdminContract
import Dispatch
import Foundation
import Logging
import SessionStore
import UnixSignals

#if canImport(Glibc)
import Glibc
#endif

/// `missedcalld [--config PATH]`: loads the configuration, starts the gateway, prints how to try it
/// when modems are simulated, and stops gracefully on SIGTERM or SIGINT.
public enum MissedCallDaemon {
    /// What `--version` prints.
    public static let version = MissedcallVersion.current

    /// Checks the configuration and prints the settings in force, secrets hidden; the exit status.
    public static func checkConfiguration(file: String?) async -> Int32 {
        do {
            let configuration = try await GatewayConfiguration.load(file: file)
            let width = configuration.effectiveSettings.map(\.key.count).max() ?? 0
            for (key, value) in configuration.effectiveSettings {
                print(key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value)
            }
            print("configuration is valid" + (file.map { " (\($0) and the environment)" } ?? " (the environment and defaults)"))
            return 0
        } catch {
            FileHandle.standardError.write(Data("missedcalld: \(error)\n".utf8))
            return 1
        }
    }

    public static func run(configPath: String?) async {
        // Before any file, socket or thread exists: nothing we create is ever open to others.
        PrivateFiles.restrictUmask()
        // Before anything starts: a SIGTERM during start-up must still mean a graceful stop.
        let termination = TerminationSignal()
        let configuration: GatewayConfiguration
        do {
            configuration = try await GatewayConfiguration.load(file: configPath)
        } catch {
            fail("\(error)")
        }
        let level = Logger.Level(rawValue: configuration.logLevel) ?? .info
        let journal = JournalLogHandler.stderrIsJournal()
        LoggingSystem.bootstrap { label in
            if journal { return JournalLogHandler(logLevel: level, label: label) }
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "missedcalld")
        do {
            // From here SIGTERM and SIGINT are the service group's: servers, modems, deliveries in
            // flight and the store stop in that order.
            let service = try await GatewayService.start(configuration, logger: logger, shutdownSignals: [.sigterm, .sigint])
            logger.info(
                "missedcalld started",
                metadata: [
                    LogKey.http: "\(configuration.httpHost):\(service.httpPort ?? configuration.httpPort)",
                    LogKey.admin: "\(configuration.adminSocketPath)",
                    LogKey.simulatedModems: "\(configuration.simulatedModems)",
                ]
            )
            if configuration.simulatedModems > 0 {
                // Not fatal: a SIGTERM may already have stopped the gateway (and closed the store).
                do {
                    try await printDemo(service, configuration)
                } catch {
                    logger.notice("the demo text was not printed", metadata: [LogKey.error: "\(error)"])
                }
            }
            // A signal that came while starting, before the group listened for it.
            if termination.hasArrived {
                logger.info("stopping: finishing in-flight deliveries")
                await service.stop()
            } else {
                await service.wait()
            }
            logger.info("stopped")
        } catch {
            fail("\(error)")
        }
    }

    /// The demo passkey is created once and kept in the state folder (mode 0600).
    static func printDemo(_ service: GatewayService, _ configuration: GatewayConfiguration) async throws {
        let token: String? = try await service.demoPasskey.current()
        try? await Task.sleep(for: .milliseconds(500))  // let the simulated modems come up
        let numbers = try await service.store.dialingNumbers().filter { $0.purpose == .verification }.map(\.number.nationalDialingForm)
        let base = "http://\(configuration.httpHost):\(service.httpPort ?? configuration.httpPort)"
        FileHandle.standardOutput.write(
            Data(
                """

                missedcalld is running with \(configuration.simulatedModems) simulated modem(s); pool: \(numbers.joined(separator: ", "))
                demo passkey: \(token ?? "?")

                verify a number in the browser: \(base)/demo   (API reference: \(base)/docs)

                1. ask for a number to call:
                   curl '\(base)/Integ/API.dvf?mobile=9920123456&passkey=\(token ?? "")&notify=NA&out=JSON'
                2. give it a missed call (VerificationNode from step 1):
                   .build/debug/missedcallctl simulate call --from 9920123456 --to \(numbers.first ?? "")
                   (or: curl --unix-socket \(configuration.adminSocketPath) -X POST 'http://admin/simulate/call?from=9920123456&to=\(numbers.first ?? "")')
                3. see it verified (SessionId from step 1):
                   curl '\(base)/Integ/UserLayer/DataFeed_APIV2.dvf?SID=<SessionId>'
                modems and their health (and, with two or more, a self-test call from one to another):
                   .build/debug/missedcallctl modems
                   .build/debug/missedcallctl modems self-test \(SimulatedModems.imei(configuration.simulatedFirst + max(1, configuration.simulatedModems) - 1))

                """.utf8
            )
        )
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("missedcalld: \(message)\n".utf8))
        exit(1)
    }
}

/// SIGTERM or SIGINT while the daemon starts, before the service group listens for them: caught
/// from the moment this is made, and looked at once the gateway is up.
final class TerminationSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var arrived = false

    init() {
        for number in [SIGTERM, SIGINT] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                lock.lock()
                arrived = true
                lock.unlock()
            }
            source.resume()
            SignalSources.keep(source)
        }
    }

    var hasArrived: Bool {
        lock.lock()
        defer { lock.unlock() }
        return arrived
    }
}

/// Keeps signal sources alive for the life of the process.
enum SignalSources {
    nonisolated(unsafe) static var sources: [any DispatchSourceSignal] = []
    static func keep(_ source: any DispatchSourceSignal) { sources.append(source) }
}
