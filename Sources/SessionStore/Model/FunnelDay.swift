import Foundation

/// One UTC day of the verification funnel for one passkey and country: sessions created, called
/// (in time or late), verified and expired, and how long users took from creation to the call.
public struct FunnelDay: Sendable, Equatable {
    /// `2026-12-02`.
    public var day: String
    public var passkeyID: String
    public var country: String
    public var created: Int
    public var called: Int
    public var verified: Int
    public var expired: Int
    /// Calls by seconds from creation: under 10, 10–20, 20–30, 30–60, 60–120, 120 and more.
    public var histogram: [Int]

    public static let bucketEdges = [10, 20, 30, 60, 120]
    public static let bucketLabels = ["<10 s", "10–20 s", "20–30 s", "30–60 s", "1–2 min", "≥2 min"]

    public init(day: String, passkeyID: String, country: String, created: Int, called: Int, verified: Int, expired: Int, histogram: [Int]) {
        self.day = day
        self.passkeyID = passkeyID
        self.country = country
        self.created = created
        self.called = called
        self.verified = verified
        self.expired = expired
        self.histogram = histogram
    }
}
