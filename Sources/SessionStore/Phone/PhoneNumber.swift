/// A phone number in E.164, the one form every comparison uses.
public struct PhoneNumber: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `+919920123456`
    public let e164: String
    /// The country, when its calling code is one we know.
    public let country: Country?

    public init(e164: String, country: Country?) {
        self.e164 = e164
        self.country = country
    }

    /// A number already in E.164 (from the database or an event), its country read off the code.
    public init(e164: String) {
        let digits = e164.dropFirst()
        self.init(e164: e164, country: Country.allCases.first { digits.hasPrefix($0.callingCode) })
    }

    /// The national significant number: `9920123456` for `+919920123456`, what Indian clients
    /// call the "10-digit number".
    public var nationalNumber: String {
        guard let country else { return String(e164.dropFirst()) }
        return String(e164.dropFirst(1 + country.callingCode.count))
    }

    /// How a user dials it inside its own country: `09920123456` (IN, UK), `4155550123` (US), the
    /// Italian number as is.
    public var nationalDialingForm: String {
        guard let country else { return e164 }
        if country == .US { return nationalNumber }
        return (country.trunkPrefix ?? "") + nationalNumber
    }

    public var description: String { e164 }

    /// For logs at info level: all but the last four digits masked.
    public var masked: String {
        let characters = Array(e164)
        guard characters.count > 7 else { return String(repeating: "*", count: characters.count) }
        return String(characters[0..<3]) + String(repeating: "*", count: characters.count - 7) + String(characters.suffix(4))
    }
}
