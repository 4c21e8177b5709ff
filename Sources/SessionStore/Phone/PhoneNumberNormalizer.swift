/// Turns what people and modems write into E.164. Pure; table-tested.
///
/// `9920123456`, `09920123456`, `919920123456`, `+919920123456` and `0091 99201 23456` are all
/// `+919920123456` in India; a `+CLIP` caller ID of type 145 is international, of type 129 national
/// in the modem's country.
public enum PhoneNumberNormalizer {
    static let separators: Set<Character> = [" ", "-", ".", "(", ")", "/", "\u{00A0}"]
    static let knownCodes: [(String, Country)] = Country.allCases.map { ($0.callingCode, $0) }

    public static func normalize(_ input: String, country: Country) throws(PhoneNumberError) -> PhoneNumber {
        var trimmed = input.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw .empty }
        // "+44 (0)20 7946 0018": the bracketed trunk 0 is not dialled from abroad.
        if trimmed.hasPrefix("+") || trimmed.hasPrefix("00"), let range = trimmed.range(of: "(0)") {
            trimmed.removeSubrange(range)
        }
        var international = false
        var digits = ""
        for (index, character) in trimmed.enumerated() {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if character == "+", index == 0 {
                international = true
            } else if !separators.contains(character) {
                throw .invalidCharacters(input)
            }
        }
        guard !digits.isEmpty else { throw .empty }
        if !international, digits.hasPrefix(country.internationalPrefix) {
            international = true
            digits.removeFirst(country.internationalPrefix.count)
        }
        if international { return try fromInternational(digits, input: input) }

        let nsnLengths = country == .IT ? 6...11 : (country == .UK ? 9...10 : 10...10)
        if digits.hasPrefix(country.callingCode),
            nsnLengths.contains(digits.count - country.callingCode.count),
            country.isPlausible(nationalNumber: String(digits.dropFirst(country.callingCode.count)))
        {
            return PhoneNumber(e164: "+" + digits, country: country)
        }
        if let trunk = country.trunkPrefix, digits.hasPrefix(trunk), country.isPlausible(nationalNumber: String(digits.dropFirst(trunk.count))) {
            return PhoneNumber(e164: "+" + country.callingCode + digits.dropFirst(trunk.count), country: country)
        }
        guard digits.count >= 6 else { throw .tooShort(input) }
        guard digits.count <= 15 else { throw .tooLong(input) }
        guard country.isPlausible(nationalNumber: digits) else { throw .notPlausible(input, country) }
        return PhoneNumber(e164: "+" + country.callingCode + digits, country: country)
    }

    /// A caller ID as the modem presented it: type 145 is international whatever it looks like;
    /// anything else is read as written in the modem's own country.
    public static func normalize(callerID number: String, type: Int?, modemCountry: Country) throws(PhoneNumberError) -> PhoneNumber {
        if type == 145, !number.hasPrefix("+") {
            return try normalize("+" + number, country: modemCountry)
        }
        return try normalize(number, country: modemCountry)
    }

    private static func fromInternational(_ digits: String, input: String) throws(PhoneNumberError) -> PhoneNumber {
        guard digits.count >= 8 else { throw .tooShort(input) }
        guard digits.count <= 15 else { throw .tooLong(input) }
        for (code, country) in knownCodes where digits.hasPrefix(code) {
            let nsn = String(digits.dropFirst(code.count))
            guard country.isPlausible(nationalNumber: nsn) else { throw .notPlausible(input, country) }
            return PhoneNumber(e164: "+" + digits, country: country)
        }
        // Another country: E.164 is unambiguous; we check its length only.
        return PhoneNumber(e164: "+" + digits, country: nil)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }
}
