import SessionStore

/// Checks an admin's `prefix,operator,circle,type` table before it replaces the current one: a
/// header line is skipped; a prefix is E.164 digits with the country code (`+919920`, `919920`) or
/// a national form with its trunk `0` (`09920`, turned into `919920` for `country`), 3 to 15 digits;
/// a row needs something to say (operator, circle or type). Anything else is rejected with its
/// line number — `12,x` used to be applied as the operator of every `+12…` number.
struct PrefixTableImport {
    let country: Country
    private(set) var accepted: [String] = []
    private(set) var rejected = 0
    private(set) var firstRejects: [(line: Int, reason: String)] = []

    init(country: Country) {
        self.country = country
    }

    mutating func feed(_ raw: Substring, line: Int) {
        let text = raw.trimmingCharacters(in: .whitespaces.union(.init(charactersIn: "\r\u{FEFF}")))
        if text.isEmpty || text.hasPrefix("#") { return }
        let fields = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let rawPrefix = fields[0].replacingOccurrences(of: " ", with: "")
        if line == 1, accepted.isEmpty, rejected == 0, !rawPrefix.contains(where: \.isNumber) { return }  // the header
        guard let prefix = normalise(rawPrefix) else {
            reject(line, "prefix '\(fields[0].prefix(20))' is not 3 to 15 digits with the country code (or a national form with its 0)")
            return
        }
        guard fields.count <= 4 else {
            reject(line, "more than four fields (prefix,operator,circle,type)")
            return
        }
        let rest = fields.dropFirst()
        guard rest.contains(where: { !$0.isEmpty }) else {
            reject(line, "no operator, circle or type")
            return
        }
        accepted.append(([prefix] + rest).joined(separator: ","))
    }

    private func normalise(_ text: String) -> String? {
        var digits = text.hasPrefix("+") ? String(text.dropFirst()) : text
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        if digits.hasPrefix("0"), let trunk = country.trunkPrefix, digits.hasPrefix(trunk) {
            digits = country.callingCode + digits.dropFirst(trunk.count)
        }
        return (3...15).contains(digits.count) ? digits : nil
    }

    private mutating func reject(_ line: Int, _ reason: String) {
        rejected += 1
        if firstRejects.count < 10 { firstRejects.append((line, reason)) }
    }
}
