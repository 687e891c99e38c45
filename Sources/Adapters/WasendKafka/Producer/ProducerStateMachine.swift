import CRdKafka

/// The producer's lifecycle and its back-pressure, as a value that returns what to do.
///
/// Senders that find librdkafka's queue full wait here until the polling thread has served
/// delivery reports (which frees room). A generation counter closes the race between a
/// sender seeing `QUEUE_FULL` and the thread draining the queue before the sender waits.
struct ProducerStateMachine: ~Copyable {
    typealias SpaceWaiter = CheckedContinuation<Void, Never>
    typealias ShutdownWaiter = CheckedContinuation<Result<Void, KafkaError>, Never>

    private enum Lifecycle {
        case running
        case shuttingDown([ShutdownWaiter])
        case finished(Result<Void, KafkaError>)
    }

    private var lifecycle = Lifecycle.running
    private var spaceWaiters: [SpaceWaiter] = []
    /// Counts the polls that served delivery reports.
    private(set) var deliveryGeneration: UInt64 = 0
    /// Topic handles by name, opened on first use; librdkafka keeps them for the handle's life.
    var topicHandles: [String: OpaquePointer] = [:]

    var isAcceptingMessages: Bool {
        if case .running = lifecycle { return true }
        return false
    }

    enum WaitForSpaceAction {
        /// Deliveries were served (or the producer is stopping) since the sender looked: retry now.
        case retry(SpaceWaiter)
        case wait
    }

    mutating func waitForSpace(seenGeneration: UInt64, _ waiter: SpaceWaiter) -> WaitForSpaceAction {
        guard isAcceptingMessages, seenGeneration == deliveryGeneration else { return .retry(waiter) }
        spaceWaiters.append(waiter)
        return .wait
    }

    enum PolledAction {
        case keepPolling(resume: [SpaceWaiter])
        case flushAndStop(resume: [SpaceWaiter])
    }

    /// The polling thread served `events` callbacks. Waiting senders retry after every poll,
    /// even an idle one: `flush()` may have served the delivery reports on another thread.
    mutating func polled(events: Int32) -> PolledAction {
        if events > 0 {
            deliveryGeneration &+= 1
        }
        var resume: [SpaceWaiter] = []
        swap(&resume, &spaceWaiters)
        switch lifecycle {
        case .running:
            return .keepPolling(resume: resume)
        case .shuttingDown, .finished:
            return .flushAndStop(resume: resume)
        }
    }

    enum ShutdownAction {
        case wakePollingThread
        case wait
        case resume(ShutdownWaiter, Result<Void, KafkaError>)
    }

    mutating func shutdown(_ waiter: ShutdownWaiter) -> ShutdownAction {
        switch lifecycle {
        case .running:
            lifecycle = .shuttingDown([waiter])
            return .wakePollingThread
        case .shuttingDown(var waiters):
            waiters.append(waiter)
            lifecycle = .shuttingDown(waiters)
            return .wait
        case .finished(let result):
            return .resume(waiter, result)
        }
    }

    struct Stopped {
        var waiters: [ShutdownWaiter]
        /// To release with `rd_kafka_topic_destroy`.
        var topicHandles: [OpaquePointer]
    }

    /// The polling thread flushed and stopped.
    mutating func stopped(_ result: Result<Void, KafkaError>) -> Stopped {
        var waiters: [ShutdownWaiter] = []
        if case .shuttingDown(let shutdownWaiters) = lifecycle {
            waiters = shutdownWaiters
        }
        lifecycle = .finished(result)
        let topics = Array(topicHandles.values)
        topicHandles.removeAll()
        return Stopped(waiters: waiters, topicHandles: topics)
    }
}
