/// What the callbacks say about a caller's number, as the original service did: operator, telecom
/// circle, number type and DND status. The daemon fills it from its prefix tables.
public struct NumberFacts: Sendable, Equatable {
    public var operatorName: String
    public var circle: String
    public var numberType: String
    public var dndStatus: String

    public init(operatorName: String, circle: String, numberType: String, dndStatus: String) {
        self.operatorName = operatorName
        self.circle = circle
        self.numberType = numberType
        self.dndStatus = dndStatus
    }

    public static let unknown = NumberFacts(operatorName: "Unknown", circle: "Unknown", numberType: "Unknown", dndStatus: "Unknown")
}

/// Looks up `NumberFacts` for an E.164 number; must answer from memory (it runs per delivery).
public protocol NumberIntelligence: Sendable {
    func facts(for e164: String) -> NumberFacts
}

/// Knows nothing: every field `Unknown`.
public struct NoNumberIntelligence: NumberIntelligence {
    public init() {}
    public func facts(for e164: String) -> NumberFacts { .unknown }
}
