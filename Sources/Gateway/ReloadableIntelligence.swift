import CallbackDispatcher
import Synchronization

/// `PrefixIntelligence` that SIGHUP can replace while calls are being answered.
final class ReloadableIntelligence: NumberIntelligence {
    private let current: Mutex<PrefixIntelligence>

    init(_ initial: PrefixIntelligence) {
        current = Mutex(initial)
    }

    func replace(with next: PrefixIntelligence) {
        current.withLock { $0 = next }
    }

    /// The DND list in force (E.164 digits), nil when none was imported.
    var dndList: Set<String>? {
        current.withLock { $0.dnd }
    }

    func facts(for e164: String) -> NumberFacts {
        current.withLock { $0.facts(for: e164) }
    }
}
