import AdminContract
import ArgumentParser

/// Options with a fixed set of values are parsed as these, so a wrong value is refused by the
/// parser (exit 64, with the values allowed) instead of being sent, ignored or silently replaced.
enum WebhookMethodChoice: String, ExpressibleByArgument, CaseIterable {
    case get
    case postForm = "post-form"
    case postJSON = "post-json"
}

enum SessionStatusChoice: String, ExpressibleByArgument, CaseIterable {
    case pending, verified, expired
}

enum DeliveryStateChoice: String, ExpressibleByArgument, CaseIterable {
    case pending, delivering, delivered, dead, stopped
}

enum CountryChoice: String, ExpressibleByArgument, CaseIterable {
    case IN, US, UK, IT

    init?(argument: String) {
        self.init(rawValue: argument.uppercased())
    }
}

enum PurposeChoice: String, ExpressibleByArgument, CaseIterable {
    case verification, listener, signup
}

/// `--limit`: 1 to 10,000 rows.
struct RowLimit: ParsableArguments {
    @Option(help: "Rows to show, 1 to 10000.") var limit = 50

    func validate() throws {
        guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be from 1 to 10000, not \(limit)") }
    }
}

extension ModemIdentifiers {
    /// The parser's check of `--imei`.
    static func validateIMEI(_ imei: String?) throws {
        if let imei, !isIMEI(imei) { throw ValidationError("--imei must be 15 digits as AT+CGSN prints it, not '\(imei)'") }
    }

    static func validateICCID(_ iccid: String?) throws {
        if let iccid, !isICCID(iccid) { throw ValidationError("--iccid must be 18 to 22 digits, not '\(iccid)'") }
    }
}
