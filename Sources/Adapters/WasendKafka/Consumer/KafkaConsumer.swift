import CRdKafka
import Dispatch
import Foundation
import Logging
import Synchronization

/// Consumes a group's share of one or more topics in batches.
///
/// A dedicated thread polls librdkafka (which also runs the rebalance callback there) and
/// hands batches over through a bounded buffer: when the application falls behind, the
/// thread stops polling and librdkafka's bounded prefetch queue fills up, so memory stays
/// bounded. Offsets are stored only for messages the application says it processed
/// (`store(_:)` / `commit(_:)`), which makes consumption at-least-once.
///
/// Call `shutdown()` to leave the group cleanly (it commits stored offsets when auto-commit
/// is on): a member that just disappears holds its partitions until its session times out.
public final class KafkaConsumer: Sendable {
    let handle: RdKafkaHandle
    private let firstAssignment: FirstAssignment
    let configuration: KafkaConsumerConfiguration
    let logger: Logger
    private let handoff: Mutex<BatchHandoff>
    /// The polling thread waits on it while the hand-off is full.
    private let handoffSpace = DispatchSemaphore(value: 0)
    private let closing = Mutex(CloseState.open(waiters: []))
    /// Runs librdkafka's blocking calls (commits) off the cooperative pool.
    let blockingCalls = DispatchQueue(label: "wasend.kafka.consumer.blocking")

    private enum CloseState {
        case open(waiters: [CheckedContinuation<Result<Void, KafkaError>, Never>])
        case closed(Result<Void, KafkaError>)
    }

    /// Joins `configuration.groupID` and subscribes to `topics`.
    public init(configuration: KafkaConsumerConfiguration, topics: [String], logger: Logger) throws(KafkaError) {
        let firstAssignment = FirstAssignment()
        let callbacks = RdKafkaCallbacks(
            logger: logger,
            onRebalance: { handle, event, partitions in
                if event == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS {
                    firstAssignment.arrived()
                }
                Self.rebalance(handle, event: event, partitions: partitions, logger: logger)
            })
        let handle = try RdKafkaHandle(
            kind: RD_KAFKA_CONSUMER, properties: configuration.librdkafkaProperties, callbacks: callbacks)
        // Serve logs, errors and rebalances from the consumer queue, i.e. on the polling thread.
        try KafkaError.check(rd_kafka_poll_set_consumer(handle.pointer), "route events to the consumer queue")
        let subscription = RdKafkaTopicPartitionList.make(topics.map { KafkaTopicPartition(topic: $0, partition: RD_KAFKA_PARTITION_UA) })
        defer { rd_kafka_topic_partition_list_destroy(subscription) }
        try KafkaError.check(rd_kafka_subscribe(handle.pointer, subscription), "subscribe to \(topics.joined(separator: ", "))")

        self.handle = handle
        self.firstAssignment = firstAssignment
        self.configuration = configuration
        self.logger = logger
        self.handoff = Mutex(BatchHandoff(capacity: configuration.bufferedBatches))
        let thread = Thread { [self] in runPollingLoop() }
        thread.name = "wasend.kafka.consumer"
        thread.start()
    }

    /// The batches, in order per partition, until the consumer shuts down.
    public var batches: KafkaMessageBatches { KafkaMessageBatches(consumer: self) }

    /// The next batch (at most `maxBatchSize` messages), or `nil` once the consumer is shut
    /// down or the waiting task is cancelled. Only one task may wait at a time: a second one
    /// gets a `state` error at once, and the first keeps waiting.
    public func nextBatch() async throws(KafkaError) -> [KafkaConsumerMessage]? {
        let result: Result<[KafkaConsumerMessage]?, KafkaError> = await withTaskCancellationHandler {
            await withCheckedContinuation { waiter in
                switch handoff.withLock({ $0.next(waiter) }) {
                case .wait:
                    // A task cancelled before it waited ran its cancellation handler already.
                    if Task.isCancelled {
                        handoff.withLock { $0.cancelWaiter() }?.resume(returning: .success(nil))
                    }
                case .resume(let waiter, let result, let unblockPollingThread):
                    waiter.resume(returning: result)
                    if unblockPollingThread {
                        handoffSpace.signal()
                    }
                }
            }
        } onCancel: {
            handoff.withLock { $0.cancelWaiter() }?.resume(returning: .success(nil))
        }
        return try result.get()
    }

    /// Leaves the group and stops the polling thread. With auto-commit on, the stored offsets
    /// are committed first. Batches not yet taken are dropped (they will be redelivered).
    public func shutdown() async throws(KafkaError) {
        let finished = handoff.withLock { $0.finish(error: nil) }
        finished.waiter?.resume(returning: .success(nil))
        if finished.unblockPollingThread {
            handoffSpace.signal()
        }
        let result: Result<Void, KafkaError> = await withCheckedContinuation { waiter in
            let closed = closing.withLock { state -> Result<Void, KafkaError>? in
                switch state {
                case .open(var waiters):
                    waiters.append(waiter)
                    state = .open(waiters: waiters)
                    return nil
                case .closed(let result):
                    return result
                }
            }
            if let closed {
                waiter.resume(returning: closed)
            }
        }
        try result.get()
    }

    // MARK: The polling thread

    private func runPollingLoop() {
        var topicNames: [OpaquePointer: String] = [:]
        let maxBatchSize = max(1, configuration.maxBatchSize)
        while !handoff.withLock({ $0.isFinished }) {
            guard var message = rd_kafka_consumer_poll(handle.pointer, 100) else { continue }
            var batch: [KafkaConsumerMessage] = []
            batch.reserveCapacity(maxBatchSize)
            var failure: KafkaError?
            while true {
                do {
                    if let converted = try convert(message, topicNames: &topicNames) {
                        batch.append(converted)
                    }
                } catch {
                    failure = error
                }
                rd_kafka_message_destroy(message)
                guard failure == nil, batch.count < maxBatchSize,
                    let next = rd_kafka_consumer_poll(handle.pointer, 0)
                else { break }
                message = next
            }
            if !batch.isEmpty {
                hand(batch)
            }
            if let failure {
                handoff.withLock { $0.finish(error: failure) }.waiter?.resume(returning: .failure(failure))
            }
        }
        close()
    }

    private func hand(_ batch: [KafkaConsumerMessage]) {
        switch handoff.withLock({ $0.push(batch) }) {
        case .resume(let waiter, let batch):
            waiter.resume(returning: .success(batch))
        case .proceed, .drop:
            break
        case .block:
            handoffSpace.wait()
        }
    }

    /// Copies a message out of librdkafka; `nil` for events that are not messages. Throws only
    /// when the consumer cannot go on (a fatal error).
    private func convert(
        _ message: UnsafeMutablePointer<rd_kafka_message_t>, topicNames: inout [OpaquePointer: String]
    ) throws(KafkaError) -> KafkaConsumerMessage? {
        let raw = message.pointee
        guard raw.err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            let error = KafkaError(raw.err, context: "consume")
            var fatalText = RdKafkaErrorText()
            let fatal = rd_kafka_fatal_error(handle.pointer, &fatalText.buffer, fatalText.buffer.count)
            if fatal != RD_KAFKA_RESP_ERR_NO_ERROR {
                throw KafkaError(code: KafkaError.Code(fatal), message: fatalText.string, context: "consume", isFatal: true)
            }
            // Transient (a missing topic, a broker going away): librdkafka retries by itself.
            logger.warning("\(error)")
            return nil
        }
        guard let rkt = raw.rkt else { return nil }
        let topic: String
        if let name = topicNames[rkt] {
            topic = name
        } else {
            topic = String(cString: rd_kafka_topic_name(rkt))
            topicNames[rkt] = topic
        }
        let value = raw.payload.map { Array(UnsafeRawBufferPointer(start: $0, count: raw.len)) } ?? []
        let key = raw.key.map { Array(UnsafeRawBufferPointer(start: $0, count: raw.key_len)) }
        var timestampType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let timestamp = rd_kafka_message_timestamp(message, &timestampType)
        return KafkaConsumerMessage(
            topic: topic, partition: raw.partition, offset: raw.offset, key: key, value: value,
            headers: Self.headers(of: message),
            timestampMilliseconds: timestampType == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE ? nil : timestamp)
    }

    private static func headers(of message: UnsafeMutablePointer<rd_kafka_message_t>) -> [KafkaHeader] {
        var headers: OpaquePointer?
        guard rd_kafka_message_headers(message, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR, let headers else { return [] }
        var result: [KafkaHeader] = []
        var index = 0
        var name: UnsafePointer<CChar>?
        var value: UnsafeRawPointer?
        var size = 0
        while rd_kafka_header_get_all(headers, index, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR {
            if let name {
                result.append(KafkaHeader(key: String(cString: name), value: value.map { Array(UnsafeRawBufferPointer(start: $0, count: size)) }))
            }
            index += 1
        }
        return result
    }

    /// Leaves the group (running the last revocation on this thread) and wakes `shutdown()`.
    /// Commits what was processed, waiting out a rebalance that refuses commits meanwhile (as a
    /// member leaving or joining causes), so that a clean shutdown leaves no processed message
    /// to be delivered again. Messages polled while waiting were not processed: they are dropped
    /// uncommitted and will be delivered again.
    private func commitStoredOffsetsBeforeLeaving() {
        for _ in 0..<50 {
            let code = rd_kafka_commit(handle.pointer, nil, 0)
            switch code {
            case RD_KAFKA_RESP_ERR_NO_ERROR, RD_KAFKA_RESP_ERR__NO_OFFSET:
                return
            case RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS, RD_KAFKA_RESP_ERR_ILLEGAL_GENERATION:
                if let message = rd_kafka_consumer_poll(handle.pointer, 100) {
                    rd_kafka_message_destroy(message)
                }
            default:
                logger.warning("\(KafkaError(code, context: "commit stored offsets on shutdown"))")
                return
            }
        }
        logger.warning("a rebalance kept refusing the commit on shutdown: processed messages may be delivered again")
    }

    /// librdkafka before 2.3 aborts (`rd_kafka_sticky_assignor_state_destroy: Assertion
    /// 'assignor_state' failed`, librdkafka issue 4312) when a cooperative-sticky consumer is
    /// destroyed after its group chose the assignor and before its first assignment. The default
    /// strategy avoids it (``KafkaConsumerConfiguration/AssignmentStrategy/recommended``); a
    /// consumer configured for cooperative-sticky anyway and closing that early first waits,
    /// bounded, for that assignment. What it polls meanwhile is not processed and will be
    /// delivered again.
    private func waitForFirstAssignment() {
        guard configuration.assignmentStrategy == .cooperativeSticky, rd_kafka_version() < 0x0203_00ff else { return }
        let deadline = ContinuousClock.now + .seconds(60)
        while !firstAssignment.hasArrived, ContinuousClock.now < deadline {
            if let message = rd_kafka_consumer_poll(handle.pointer, 100) {
                rd_kafka_message_destroy(message)
            }
        }
    }

    private func close() {
        waitForFirstAssignment()
        commitStoredOffsetsBeforeLeaving()
        let code = rd_kafka_consumer_close(handle.pointer)
        let result = Result { () throws(KafkaError) in try KafkaError.check(code, "close the consumer") }
        if case .failure(let error) = result {
            logger.error("\(error)")
        }
        let waiters = closing.withLock { state in
            defer { state = .closed(result) }
            if case .open(let waiters) = state { return waiters }
            return []
        }
        for waiter in waiters {
            waiter.resume(returning: result)
        }
    }
}
