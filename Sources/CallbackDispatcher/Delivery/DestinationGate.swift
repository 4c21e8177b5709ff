import Foundation

/// Decides, without I/O, whether a claimed job may be attempted now against its destination (one
/// webhook host and port, the SMTP relay, one modem's SMS line). Two rules keep one bad
/// destination from stalling everyone's callbacks:
///
/// - **A share**: at most `perDestination` attempts in flight to one destination. A job over the
///   share is not held waiting for a slot (that is what let 1,000 jobs for a dead receiver take all
///   128 slots and delay a healthy receiver's webhooks from 0.05 s to 197 s): it goes back to the
///   outbox, unattempted, for `busyDeferral`.
/// - **A circuit**: `failuresToOpen` failed attempts in a row open it; while open, the
///   destination's jobs go back until the cool-down ends, then one probe is let through (half-open):
///   success closes the circuit, failure opens it again for twice as long, up to `maximumCoolDown`.
struct DestinationGate {
    struct Settings: Sendable, Equatable {
        var perDestination: Int
        var failuresToOpen: Int
        var coolDown: Duration
        var maximumCoolDown: Duration
        var busyDeferral: Duration
    }

    enum Admission: Equatable {
        case attempt
        case postpone(until: Date)
    }

    enum Circuit: Equatable, Sendable {
        case closed
        case open(until: Date)
        /// The cool-down ended; one probe is (or may be) in flight.
        case halfOpen
    }

    struct Destination: Equatable, Sendable {
        var inFlight = 0
        var failuresInARow = 0
        var circuit = Circuit.closed
        var coolDown: Duration
        var lastFailure: String?
    }

    let settings: Settings
    private(set) var destinations: [String: Destination] = [:]

    init(settings: Settings) {
        self.settings = settings
    }

    mutating func admit(_ key: String, now: Date) -> Admission {
        var destination = destinations[key] ?? Destination(coolDown: settings.coolDown)
        defer { destinations[key] = destination }
        switch destination.circuit {
        case .open(let until) where now < until:
            return .postpone(until: until)
        case .open, .halfOpen:
            // One probe at a time while half-open.
            destination.circuit = .halfOpen
            guard destination.inFlight == 0 else { return .postpone(until: now + settings.busyDeferral) }
        case .closed:
            guard destination.inFlight < max(1, settings.perDestination) else { return .postpone(until: now + settings.busyDeferral) }
        }
        destination.inFlight += 1
        return .attempt
    }

    /// An attempt ended. `failure` is nil for a delivery, or for an outcome that says nothing about
    /// the destination's health (a refused URL, a 410).
    mutating func finished(_ key: String, failure: String?, now: Date) {
        guard var destination = destinations[key] else { return }
        destination.inFlight = max(0, destination.inFlight - 1)
        if let failure {
            destination.failuresInARow += 1
            destination.lastFailure = failure
            switch destination.circuit {
            case .halfOpen:
                destination.coolDown = min(destination.coolDown * 2, settings.maximumCoolDown)
                destination.circuit = .open(until: now + destination.coolDown)
            case .closed where destination.failuresInARow >= settings.failuresToOpen:
                destination.circuit = .open(until: now + destination.coolDown)
            case .closed, .open:
                break
            }
        } else {
            destination.failuresInARow = 0
            destination.circuit = .closed
            destination.coolDown = settings.coolDown
        }
        // A healthy destination with nothing in flight is forgotten: the table stays as small as
        // the set of destinations that are busy or failing.
        if destination.inFlight == 0, destination.failuresInARow == 0 {
            destinations[key] = nil
        } else {
            destinations[key] = destination
        }
    }
}

extension Date {
    static func + (date: Date, duration: Duration) -> Date {
        date.addingTimeInterval(Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }
}

/// One destination the dispatcher is holding back or watching, as admins and metrics see it.
public struct DestinationStatus: Sendable, Equatable, Codable {
    /// `webhook:crm.example.com:443`, `smtp`, `sms:+914466949401`.
    public var destination: String
    /// `closed`, `open` or `half-open`.
    public var circuit: String
    public var inFlight: Int
    public var failuresInARow: Int
    /// While open: when the next probe may go.
    public var retryAt: Date?
    public var lastFailure: String?

    init(key: String, _ destination: DestinationGate.Destination) {
        self.destination = key
        self.inFlight = destination.inFlight
        self.failuresInARow = destination.failuresInARow
        self.lastFailure = destination.lastFailure
        switch destination.circuit {
        case .closed: circuit = "closed"
        case .open(let until):
            circuit = "open"
            retryAt = until
        case .halfOpen: circuit = "half-open"
        }
    }
}
