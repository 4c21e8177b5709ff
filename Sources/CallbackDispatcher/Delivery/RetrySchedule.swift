import Foundation

/// When to try again: 5 s, 30 s, 2 min, 10 min, 30 min, then hourly, for up to 24 h after the job
/// was created, each delay with ±20 % jitter so a recovering receiver is not hit by a wave.
public struct RetrySchedule: Sendable, Equatable {
    public var delays: [Duration]
    /// The delay after `delays` runs out.
    public var thereafter: Duration
    /// No attempt is scheduled later than this after the job was created: then it is dead.
    public var giveUpAfter: Duration
    /// Fraction of each delay added or taken at random.
    public var jitter: Double

    public init(
        delays: [Duration] = [.seconds(5), .seconds(30), .seconds(120), .seconds(600), .seconds(1800)],
        thereafter: Duration = .seconds(3600),
        giveUpAfter: Duration = .seconds(86_400),
        jitter: Double = 0.2
    ) {
        self.delays = delays
        self.thereafter = thereafter
        self.giveUpAfter = giveUpAfter
        self.jitter = jitter
    }

    /// The next attempt after `attempts` attempts (1 after the first failure), or `nil` when the
    /// job should be declared dead.
    public func nextAttempt<R: RandomNumberGenerator>(
        afterAttempts attempts: Int,
        createdAt: Date,
        now: Date,
        using random: inout R
    ) -> Date? {
        let base = attempts - 1 < delays.count ? delays[max(0, attempts - 1)] : thereafter
        let seconds = Double(base.components.seconds) + Double(base.components.attoseconds) / 1e18
        let factor = jitter > 0 ? Double.random(in: (1 - jitter)...(1 + jitter), using: &random) : 1
        let next = now.addingTimeInterval(seconds * factor)
        let deadline = createdAt.addingTimeInterval(Double(giveUpAfter.components.seconds))
        return next <= deadline ? next : nil
    }

    public func nextAttempt(afterAttempts attempts: Int, createdAt: Date, now: Date) -> Date? {
        var random = SystemRandomNumberGenerator()
        return nextAttempt(afterAttempts: attempts, createdAt: createdAt, now: now, using: &random)
    }
}
