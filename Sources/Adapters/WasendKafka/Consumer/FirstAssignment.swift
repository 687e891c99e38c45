import Synchronization

/// Whether the group has ever assigned partitions to a consumer: set on the polling thread by
/// the rebalance callback, read there when the consumer closes (see `waitForFirstAssignment`).
final class FirstAssignment: Sendable {
    private let state = Mutex(false)

    func arrived() {
        state.withLock { $0 = true }
    }

    var hasArrived: Bool {
        state.withLock { $0 }
    }
}
