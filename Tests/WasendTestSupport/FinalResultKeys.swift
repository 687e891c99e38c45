import Synchronization
import WasendKafka

/// The keys (job ids, or uploaded rows for skipped recipients) of `wasend.results` records that
/// are not deferrals, gathered as a read goes on: each record is looked at once, so a condition
/// asked every 100 ms over tens of thousands of records stays cheap.
public final class FinalResultKeys: Sendable {
    private let state = Mutex((read: 0, keys: Set<[UInt8]>()))
    private static let deferred = Array(#""deferred""#.utf8)

    public init() {}

    /// Looks at the records after those seen so far; returns how many distinct keys are final.
    public func update(_ messages: [KafkaConsumerMessage]) -> Int {
        state.withLock { state in
            for message in messages[state.read...] where message.value.firstRange(of: Self.deferred) == nil {
                state.keys.insert(message.key ?? [])
            }
            state.read = messages.count
            return state.keys.count
        }
    }
}
