import Synchronization

/// Fire-and-forget messages whose delivery failed since the last flush: `flush()` reports them,
/// so that a caller who flushes before committing its input never commits past a lost message.
final class UndeliveredMessages: Sendable {
    private struct State {
        var count = 0
        var firstError: KafkaError?
    }

    private let state = Mutex(State())

    func record(_ error: KafkaError) {
        state.withLock { state in
            state.count += 1
            if state.firstError == nil {
                state.firstError = error
            }
        }
    }

    /// The failures recorded so far, as one error (and forgets them).
    func take() -> KafkaError? {
        state.withLock { state in
            defer { state = State() }
            guard var error = state.firstError else { return nil }
            error.message = "\(state.count) message(s) could not be delivered; the first: \(error.message)"
            return error
        }
    }
}
