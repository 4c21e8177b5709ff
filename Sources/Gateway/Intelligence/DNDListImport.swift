import Foundation
import SessionStore

/// Reads a DND list line by line, as people have them: a header line or not, `#` comments,
/// `number` or `number,yes|no`, numbers in E.164 or the national forms of `country`
/// (`9920123456`, `09920123456`, `+91 99201 23456`). Each number is normalised as the API
/// normalises a mobile, so a listed number matches the callers it should; anything else is
/// rejected with its line number (national forms used to be kept as typed and never matched).
/// Pure: the streaming runner feeds it lines and writes out `accepted` numbers as it goes.
struct DNDListImport {
    enum Row: Equatable {
        /// E.164 digits without `+`, as the DND lookup keys them.
        case listed(String)
        /// `number,no`: in the file, not on the DND list.
        case notListed
        case skipped
        case rejected(String)
    }

    let country: Country
    private(set) var accepted = 0
    private(set) var duplicates = 0
    private(set) var notListed = 0
    private(set) var rejected = 0
    /// The first rejects: line number and why.
    private(set) var firstRejects: [(line: Int, reason: String)] = []
    private var seen = Set<String>()
    private var sawData = false

    init(country: Country) {
        self.country = country
    }

    /// One line (without its newline); what to write, if anything.
    mutating func feed(_ raw: Substring, line: Int) -> String? {
        switch classify(raw) {
        case .listed(let digits):
            sawData = true
            guard seen.insert(digits).inserted else {
                duplicates += 1
                return nil
            }
            accepted += 1
            return digits
        case .notListed:
            sawData = true
            notListed += 1
            return nil
        case .skipped:
            return nil
        case .rejected(let reason):
            // A first line that is no number is a header (`number,dnd`), not a reject.
            if !sawData && line == 1 { return nil }
            sawData = true
            rejected += 1
            if firstRejects.count < 10 { firstRejects.append((line, reason)) }
            return nil
        }
    }

    func classify(_ raw: Substring) -> Row {
        let text = raw.trimmingCharacters(in: .whitespaces.union(.init(charactersIn: "\r\u{FEFF}")))
        if text.isEmpty || text.hasPrefix("#") { return .skipped }
        let fields = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let number = fields[0].trimmingCharacters(in: .init(charactersIn: "\""))
        if fields.count > 1 {
            switch fields[1].lowercased() {
            case "yes", "y", "1", "true", "dnd", "": break
            case "no", "n", "0", "false": return .notListed
            default: return .rejected("second field '\(fields[1].prefix(20))' is not yes or no")
            }
        }
        if fields.count > 2 { return .rejected("more than two fields") }
        do {
            let phone = try PhoneNumberNormalizer.normalize(number, country: country)
            return .listed(String(phone.e164.dropFirst()))
        } catch {
            return .rejected("\(error)")
        }
    }
}
