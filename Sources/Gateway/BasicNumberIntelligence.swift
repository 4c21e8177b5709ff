import CallbackDispatcher

/// Number type from the numbering plan alone, until the prefix tables (libphonenumber data and
/// the admin's circle/operator CSV) are imported: Indian numbers starting 6–9 are mobiles.
struct BasicNumberIntelligence: NumberIntelligence {
    func facts(for e164: String) -> NumberFacts {
        var facts = NumberFacts.unknown
        if e164.hasPrefix("+91"), let first = e164.dropFirst(3).first {
            facts.numberType = "6789".contains(first) ? "Mobile" : "Fixed"
        }
        return facts
    }
}
