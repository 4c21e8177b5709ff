import CallbackDispatcher
import Foundation
import Logging
import SessionStore
import Synchronization

/// The original's "give a missed call to get your API key by SMS": a call to a `signup` number
/// creates a passkey owned by the caller and texts it from the modem that took the call. A repeat
/// call within a day sends the same message again instead of minting more keys. (The SMS job
/// holds the key in clear until it is purged with the other finished jobs; the store itself keeps
/// only its hash.)
struct SignupLine: Sendable {
    let store: any GatewayStore
    let dispatcher: CallbackDispatcher
    let brand: String
    let logger: Logger

    func handle(caller: PhoneNumber, dialed: PhoneNumber) async throws {
        let dayAgo = Date().addingTimeInterval(-86_400)
        if let previous = try await store.recentJobs(kind: .sms, target: caller.e164, since: dayAgo).first {
            if previous.state == .pending || previous.state == .delivering {
                return  // still on its way
            }
            try await store.redeliver(jobID: previous.id)
            logger.info("signup: key sent again", metadata: [LogKey.caller: "\(caller.masked)"])
        } else {
            let created = try await store.createPasskey(NewPasskey(label: "signup \(caller.masked)", ownerMobile: caller.e164))
            let text = "Your \(brand) API passkey: \(created.token.canonical) Keep it secret."
            _ = try await store.enqueue(NewOutboxJob(kind: .sms, target: caller.e164, payload: SMSJob(from: dialed.e164, text: text).json()))
            logger.info("signup: new passkey", metadata: [LogKey.caller: "\(caller.masked)", LogKey.passkey: "\(created.token.displayPrefix)"])
        }
        dispatcher.wake()
    }
}

/// Lets the dispatcher send SMS through the fleet, which is made after it.
final class FleetSMSSender: SMSSending {
    private let fleet = ManagedFleet()

    func attach(_ fleet: ModemFleet) { self.fleet.set(fleet) }

    func sendSMS(from dialingNumber: String, to destination: String, text: String) async throws {
        guard let fleet = fleet.get() else { throw FleetError.notRunning }
        try await fleet.sendSMS(from: dialingNumber, to: destination, text: text)
    }
}

final class ManagedFleet: Sendable {
    private let value = Mutex<ModemFleet?>(nil)
    func set(_ fleet: ModemFleet) { value.withLock { $0 = fleet } }
    func get() -> ModemFleet? { value.withLock { $0 } }
}
