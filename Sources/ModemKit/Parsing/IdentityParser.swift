/// Pulls identity values out of the replies of `AT+CGMI`, `AT+CGSN`, `AT+CIMI`, ICCID queries and
/// `AT+CNUM`, across vendors' variations (`+CGMI: ` prefixes, `Manufacturer: ` labels, Wavecom's
/// padding spaces, Huawei's `^ICCID:`).
public enum IdentityParser {
    /// The first non-empty information line, without any `+XXXX:` prefix or `Label:` and spaces.
    public static func text(_ lines: [String]) -> String? {
        for line in lines {
            var value = Substring(line)
            if let first = value.first, first == "+" || first == "^", let colon = value.firstIndex(of: ":") {
                value = value[value.index(after: colon)...]
            } else if let colon = value.firstIndex(of: ":"),
                ["manufacturer", "model", "revision", "imei"].contains(value[..<colon].lowercased())
            {
                value = value[value.index(after: colon)...]
            }
            var trimmed = value.trimmingASCIIWhitespace()
            if trimmed.hasPrefix("\""), trimmed.hasSuffix("\""), trimmed.count >= 2 {
                trimmed = String(trimmed.dropFirst().dropLast())
            }
            // Wavecom pads with runs of spaces inside the string too.
            let collapsed = trimmed.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            if !collapsed.isEmpty { return collapsed }
        }
        return nil
    }

    /// The first run of `length` digits (IMEI 15, IMSI 15).
    public static func digits(_ lines: [String], length: ClosedRange<Int>) -> String? {
        for line in lines {
            var run = ""
            for character in line + " " {
                if character.isASCII, character.isNumber {
                    run.append(character)
                } else {
                    if length.contains(run.count) { return run }
                    run = ""
                }
            }
        }
        return nil
    }

    /// An ICCID: 18 to 22 characters of digits, possibly ending in `F` padding.
    public static func iccid(_ lines: [String]) -> String? {
        for line in lines {
            var candidate = Substring(line)
            if let colon = candidate.firstIndex(of: ":") { candidate = candidate[candidate.index(after: colon)...] }
            let cleaned = candidate.filter { $0 != " " && $0 != "\"" }
            let value = cleaned.uppercased().reversed().drop(while: { $0 == "F" }).reversed()
            let text = String(value)
            if (18...22).contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }) {
                return text
            }
        }
        return nil
    }

    /// The subscriber's own number from `+CNUM: "<alpha>","<number>",<type>`; usually empty.
    public static func ownNumber(_ lines: [String]) -> String? {
        for line in lines {
            guard let value = ATFields.value(of: line, prefix: "+CNUM:") else { continue }
            let fields = ATFields(value)
            if case .number(let number, _) = CallerID.from(number: fields[1], type: fields.int(2), validity: nil) {
                return number
            }
        }
        return nil
    }
}
