/// The bounded hand-off between the consumer's polling thread and the task that processes
/// batches, as a value that returns what to do.
///
/// The thread pushes batches; when `capacity` batches are waiting it must stop polling until
/// the application takes one (it blocks on a semaphore: it is its own thread, not the pool).
struct BatchHandoff: ~Copyable {
    typealias Batch = [KafkaConsumerMessage]
    typealias Waiter = CheckedContinuation<Result<Batch?, KafkaError>, Never>

    private let capacity: Int
    private var buffered: [Batch] = []
    private var waiter: Waiter?
    private var pollingThreadBlocked = false
    /// Set once no more batches will come: `nil` result means a clean end.
    private var end: Result<Batch?, KafkaError>?

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    enum PushAction {
        case resume(Waiter, Batch)
        /// Keep polling.
        case proceed
        /// Full: block until the application takes a batch (or the consumer shuts down).
        case block
        /// The consumer is shutting down: drop the batch (its offsets were never stored).
        case drop
    }

    mutating func push(_ batch: Batch) -> PushAction {
        guard end == nil else { return .drop }
        if let waiter {
            self.waiter = nil
            return .resume(waiter, batch)
        }
        buffered.append(batch)
        if buffered.count >= capacity {
            pollingThreadBlocked = true
            return .block
        }
        return .proceed
    }

    enum NextAction {
        case resume(Waiter, Result<Batch?, KafkaError>, unblockPollingThread: Bool)
        case wait
    }

    mutating func next(_ waiter: Waiter) -> NextAction {
        if !buffered.isEmpty {
            let batch = buffered.removeFirst()
            return .resume(waiter, .success(batch), unblockPollingThread: takeBlockedThread())
        }
        if let end {
            return .resume(waiter, end, unblockPollingThread: false)
        }
        guard self.waiter == nil else {
            // The first waiter keeps waiting; the second learns at once that it misused the consumer.
            let error = KafkaError(
                code: .state, message: "another task is already waiting for a batch: take batches from one task at a time",
                context: "wait for the next batch")
            return .resume(waiter, .failure(error), unblockPollingThread: false)
        }
        self.waiter = waiter
        return .wait
    }

    /// The waiting task was cancelled: it gets no batch (`nil`), the consumer keeps running.
    mutating func cancelWaiter() -> Waiter? {
        defer { waiter = nil }
        return waiter
    }

    /// No more batches: `error` if the consumer failed, else a clean end. Buffered batches are
    /// dropped; they were never processed, so their offsets were never stored.
    struct Finished {
        var waiter: Waiter?
        var unblockPollingThread: Bool
    }

    mutating func finish(error: KafkaError?) -> Finished {
        if end == nil {
            end = error.map { .failure($0) } ?? .success(nil)
        }
        buffered.removeAll()
        defer { waiter = nil }
        return Finished(waiter: waiter, unblockPollingThread: takeBlockedThread())
    }

    var isFinished: Bool { end != nil }

    private mutating func takeBlockedThread() -> Bool {
        defer { pollingThreadBlocked = false }
        return pollingThreadBlocked
    }
}
