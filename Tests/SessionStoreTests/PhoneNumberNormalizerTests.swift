import Testing

@testable import SessionStore

@Suite("PhoneNumberNormalizer")
struct PhoneNumberNormalizerTests {
    static let equal: [(String, Country, String)] = [
        // India: every way people write +91 99201 23456.
        ("9920123456", .IN, "+919920123456"),
        ("09920123456", .IN, "+919920123456"),
        ("919920123456", .IN, "+919920123456"),
        ("+919920123456", .IN, "+919920123456"),
        ("0091 99201 23456", .IN, "+919920123456"),
        ("+91-99201-23456", .IN, "+919920123456"),
        (" 99201 23456 ", .IN, "+919920123456"),
        ("044 6694 9499", .IN, "+914466949499"),  // a landline with its STD code
        ("9199201234", .IN, "+919199201234"),  // ten digits that happen to start with 91
        // United States.
        ("(415) 555-0123", .US, "+14155550123"),
        ("415.555.0123", .US, "+14155550123"),
        ("1 415 555 0123", .US, "+14155550123"),
        ("011 91 99201 23456", .US, "+919920123456"),
        // United Kingdom.
        ("07700 900123", .UK, "+447700900123"),
        ("447700900123", .UK, "+447700900123"),
        ("+44 (0)20 7946 0018", .UK, "+442079460018"),
        // Italy keeps the leading 0 of landlines.
        ("333 123 4567", .IT, "+393331234567"),
        ("06 1234 5678", .IT, "+390612345678"),
        ("0039 06 1234 5678", .IT, "+390612345678"),
        ("393331234567", .IT, "+393331234567"),
        // Another country in international form is accepted as is.
        ("+33 6 12 34 56 78", .IN, "+33612345678"),
    ]

    @Test(arguments: equal)
    func normalises(_ input: String, _ country: Country, _ e164: String) throws {
        #expect(try PhoneNumberNormalizer.normalize(input, country: country).e164 == e164)
    }

    static let callerIDs: [(String, Int?, Country, String)] = [
        ("+919920123456", 145, .IN, "+919920123456"),
        ("919920123456", 145, .IN, "+919920123456"),  // type 145 without the plus
        ("09920123456", 129, .IN, "+919920123456"),
        ("9920123456", 129, .IN, "+919920123456"),
        ("447700900123", 145, .IN, "+447700900123"),
        ("07700900123", 129, .UK, "+447700900123"),
    ]

    @Test(arguments: callerIDs)
    func callerIDsCompareEqual(_ number: String, _ type: Int?, _ country: Country, _ e164: String) throws {
        #expect(try PhoneNumberNormalizer.normalize(callerID: number, type: type, modemCountry: country).e164 == e164)
    }

    static let rejected: [(String, Country, PhoneNumberError)] = [
        ("", .IN, .empty),
        ("   ", .IN, .empty),
        ("99201abc56", .IN, .invalidCharacters("99201abc56")),
        ("9920123456;DROP", .IN, .invalidCharacters("9920123456;DROP")),
        ("12345", .IN, .tooShort("12345")),
        ("992012345", .IN, .notPlausible("992012345", .IN)),
        ("0123456789", .IN, .notPlausible("0123456789", .IN)),
        ("+91 12345", .IN, .tooShort("+91 12345")),
        ("+91 1234567890", .IN, .notPlausible("+91 1234567890", .IN)),
        ("+1234567890123456", .IN, .tooLong("+1234567890123456")),
        ("415 155 0123", .US, .notPlausible("415 155 0123", .US)),
        ("99+12345678", .IN, .invalidCharacters("99+12345678")),
    ]

    @Test(arguments: rejected)
    func rejects(_ input: String, _ country: Country, _ error: PhoneNumberError) {
        #expect(throws: error) { try PhoneNumberNormalizer.normalize(input, country: country) }
    }

    @Test func nationalForms() throws {
        let indian = try PhoneNumberNormalizer.normalize("+919920123456", country: .IN)
        #expect(indian.nationalNumber == "9920123456")
        #expect(indian.nationalDialingForm == "09920123456")
        #expect(indian.masked == "+91******3456")
        let us = try PhoneNumberNormalizer.normalize("+14155550123", country: .IN)
        #expect(us.country == .US && us.nationalDialingForm == "4155550123")
        #expect(Country(code: "gb") == .UK && Country(code: "xx") == nil)
    }
}
