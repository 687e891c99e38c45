import Synchronization

/// Waits for the delivery reports of a group of messages with one continuation, whatever
/// their number: a single `send` is a group of one, `send(contentsOf:)` a group of many.
///
/// Each enqueued message holds a retained reference to its group as librdkafka's
/// per-message opaque; the delivery report callback releases it.
final class DeliveryGroup: Sendable {
    typealias Outcome = Result<(partition: Int32, offset: Int64), KafkaError>
    typealias Waiter = CheckedContinuation<Outcome, Never>

    private struct State {
        var pending = 0
        var sealed = false
        var firstError: KafkaError?
        var lastPlacement: (partition: Int32, offset: Int64) = (-1, -1)
        var waiter: Waiter?

        /// The outcome once every message is accounted for and the sender is waiting.
        mutating func takeCompletion() -> (Waiter, Outcome)? {
            guard sealed, pending == 0, let waiter else { return nil }
            self.waiter = nil
            return (waiter, firstError.map { .failure($0) } ?? .success(lastPlacement))
        }
    }

    private let state = Mutex(State())

    /// Call before enqueueing a message that carries this group.
    func willEnqueue() {
        state.withLock { $0.pending += 1 }
    }

    /// The message was not enqueued after all.
    func didNotEnqueue() {
        state.withLock { $0.pending -= 1 }
    }

    /// A delivery report arrived (on the polling thread).
    func delivered(partition: Int32, offset: Int64, error: KafkaError?) {
        let completion = state.withLock { state -> (Waiter, Outcome)? in
            state.pending -= 1
            if let error, state.firstError == nil {
                state.firstError = error
            }
            state.lastPlacement = (partition, offset)
            return state.takeCompletion()
        }
        if let (waiter, outcome) = completion {
            waiter.resume(returning: outcome)
        }
    }

    /// Waits for every message enqueued so far; no more may be added afterwards.
    /// `enqueueError` is the error that stopped enqueueing, if any: it wins over delivery errors.
    func waitForDeliveries(enqueueError: KafkaError? = nil) async -> Outcome {
        await withCheckedContinuation { waiter in
            let completion = state.withLock { state -> (Waiter, Outcome)? in
                state.sealed = true
                if let enqueueError {
                    state.firstError = enqueueError
                }
                state.waiter = waiter
                return state.takeCompletion()
            }
            if let (waiter, outcome) = completion {
                waiter.resume(returning: outcome)
            }
        }
    }
}
