import Synchronization
import WasendCore
import WasendLimits

/// A clock the test moves by hand, handed to the scripts through `SendingClock.custom`.
final class ManualClock: Sendable {
    private let current: Mutex<Timestamp>

    init(_ start: Timestamp = Timestamp(millisecondsSinceEpoch: 1_767_225_600_000)) {
        current = Mutex(start)
    }

    var now: Timestamp { current.withLock { $0 } }

    func advance(by duration: Duration) {
        current.withLock { $0 = $0 + duration }
    }

    func set(_ time: Timestamp) {
        current.withLock { $0 = time }
    }

    var sendingClock: SendingClock {
        SendingClock.custom { [self] in now }
    }
}
