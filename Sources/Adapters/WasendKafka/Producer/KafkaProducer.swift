import CRdKafka
import Dispatch
import Foundation
import Logging
import Synchronization

/// Produces messages to Kafka in batches, with delivery reports.
///
/// librdkafka batches and sends in the background; a dedicated thread polls the handle for
/// delivery reports and resumes the senders waiting for them, so Swift's cooperative pool
/// never blocks. Memory is bounded by librdkafka's own queue: when it is full, sends wait
/// until deliveries make room instead of buffering in Swift.
///
/// Call `shutdown()` before dropping the producer: it flushes what is queued, then stops
/// the polling thread.
public final class KafkaProducer: Sendable {
    let handle: RdKafkaHandle
    let configuration: KafkaProducerConfiguration
    private let state: Mutex<ProducerStateMachine>
    private let undelivered: UndeliveredMessages
    /// Runs librdkafka's blocking calls (flush, transactions) off the cooperative pool.
    let blockingCalls = DispatchQueue(label: "wasend.kafka.producer.blocking")
    let logger: Logger

    public init(configuration: KafkaProducerConfiguration, logger: Logger) throws(KafkaError) {
        let undelivered = UndeliveredMessages()
        let callbacks = RdKafkaCallbacks(logger: logger) { message in
            Self.handleDeliveryReport(message, undelivered: undelivered)
        }
        self.handle = try RdKafkaHandle(
            kind: RD_KAFKA_PRODUCER, properties: configuration.librdkafkaProperties, callbacks: callbacks)
        self.configuration = configuration
        self.state = Mutex(ProducerStateMachine())
        self.undelivered = undelivered
        self.logger = logger
        let thread = Thread { [self] in runPollingLoop() }
        thread.name = "wasend.kafka.producer"
        thread.start()
    }

    // The sending methods run on the caller's executor (`nonisolated(nonsending)`): enqueueing
    // never blocks, so an actor producing many messages does not hop threads for each one.

    /// Sends one message and waits until the brokers acknowledged it (or it failed for good).
    public nonisolated(nonsending) func send(_ record: KafkaProducerRecord) async throws(KafkaError) -> KafkaDeliveryReport {
        let group = DeliveryGroup()
        try await enqueue(record, group: group)
        let placement = try await group.waitForDeliveries().get()
        return KafkaDeliveryReport(topic: record.topic, partition: placement.partition, offset: placement.offset)
    }

    /// Sends messages and waits until all of them are acknowledged, with one suspension for
    /// the whole batch. Throws the first failure; messages before and after it may have been
    /// delivered, so a caller retries the batch (consumers of Wasend's topics are idempotent).
    public nonisolated(nonsending) func send(contentsOf records: some Sequence<KafkaProducerRecord>) async throws(KafkaError) {
        let group = DeliveryGroup()
        var enqueueError: KafkaError?
        for record in records {
            do {
                try await enqueue(record, group: group)
            } catch {
                enqueueError = error
                break
            }
        }
        _ = try await group.waitForDeliveries(enqueueError: enqueueError).get()
    }

    /// Hands a message to librdkafka without waiting for its delivery: the fastest way to
    /// produce. It still waits when librdkafka's queue is full. A failed delivery is reported
    /// by the next `flush()`.
    public nonisolated(nonsending) func sendAndForget(_ record: KafkaProducerRecord) async throws(KafkaError) {
        try await enqueue(record, group: nil)
    }

    /// Waits until every message handed over so far is delivered or failed; throws if any
    /// fire-and-forget message failed since the previous flush.
    public func flush(timeoutMilliseconds: Int = 30_000) async throws(KafkaError) {
        let handle = self.handle
        try await blockingCalls.runBlocking { () throws(KafkaError) in
            // rd_kafka_flush serves callbacks itself; the polling thread keeps serving them too.
            let code = rd_kafka_flush(handle.pointer, Int32(clamping: timeoutMilliseconds))
            try KafkaError.check(code, "flush the producer")
        }
        if let error = undelivered.take() {
            throw error
        }
    }

    /// Flushes queued messages (up to the configured flush timeout), fails those that could not
    /// be delivered in time, and stops the polling thread. Sends after this fail.
    public func shutdown() async throws(KafkaError) {
        let result: Result<Void, KafkaError> = await withCheckedContinuation { waiter in
            switch state.withLock({ $0.shutdown(waiter) }) {
            case .wakePollingThread:
                rd_kafka_yield(handle.pointer)
            case .wait:
                break
            case .resume(let waiter, let result):
                waiter.resume(returning: result)
            }
        }
        try result.get()
        if let error = undelivered.take() {
            throw error
        }
    }

    // MARK: Enqueueing

    private nonisolated(nonsending) func enqueue(_ record: KafkaProducerRecord, group: DeliveryGroup?) async throws(KafkaError) {
        while true {
            let seenGeneration = try state.withLock { state throws(KafkaError) -> UInt64? in
                guard state.isAcceptingMessages else {
                    throw KafkaError(code: .destroyed, message: "the producer is shut down", context: "produce to \(record.topic)")
                }
                let topic = try topicHandle(record.topic, in: &state)
                let code = produce(record, topic: topic, group: group)
                if code == RD_KAFKA_RESP_ERR__QUEUE_FULL {
                    return state.deliveryGeneration
                }
                try KafkaError.check(code, "produce to \(record.topic)")
                return nil
            }
            guard let seenGeneration else { return }
            await withCheckedContinuation { waiter in
                if case .retry(let waiter) = state.withLock({ $0.waitForSpace(seenGeneration: seenGeneration, waiter) }) {
                    waiter.resume()
                }
            }
        }
    }

    private func topicHandle(_ name: String, in state: inout ProducerStateMachine) throws(KafkaError) -> OpaquePointer {
        if let topic = state.topicHandles[name] {
            return topic
        }
        let topic = try handle.topic(named: name)
        state.topicHandles[name] = topic
        return topic
    }

    /// One `rd_kafka_produceva` call; librdkafka copies the key and value.
    private func produce(_ record: KafkaProducerRecord, topic: OpaquePointer, group: DeliveryGroup?) -> rd_kafka_resp_err_t {
        var headers: OpaquePointer?
        if !record.headers.isEmpty {
            headers = rd_kafka_headers_new(record.headers.count)
            for header in record.headers {
                if let value = header.value {
                    value.withUnsafeBytes { _ = rd_kafka_header_add(headers, header.key, -1, $0.baseAddress, $0.count) }
                } else {
                    _ = rd_kafka_header_add(headers, header.key, -1, nil, 0)
                }
            }
        }
        group?.willEnqueue()
        let opaque = group.map { Unmanaged.passRetained($0).toOpaque() }
        let code = record.value.withUnsafeBytes { value in
            withKeyBytes(record.key) { key in
                withUnsafeTemporaryAllocation(of: rd_kafka_vu_t.self, capacity: 7) { fields in
                fields[0].vtype = RD_KAFKA_VTYPE_RKT
                fields[0].u.rkt = topic
                fields[1].vtype = RD_KAFKA_VTYPE_PARTITION
                fields[1].u.i32 = record.partition ?? RD_KAFKA_PARTITION_UA
                fields[2].vtype = RD_KAFKA_VTYPE_VALUE
                fields[2].u.mem.ptr = UnsafeMutableRawPointer(mutating: value.baseAddress)
                fields[2].u.mem.size = value.count
                fields[3].vtype = RD_KAFKA_VTYPE_KEY
                fields[3].u.mem.ptr = UnsafeMutableRawPointer(mutating: key.baseAddress)
                fields[3].u.mem.size = key.count
                fields[4].vtype = RD_KAFKA_VTYPE_MSGFLAGS
                fields[4].u.i = RD_KAFKA_MSG_F_COPY
                fields[5].vtype = RD_KAFKA_VTYPE_OPAQUE
                fields[5].u.ptr = opaque
                var count = 6
                if let headers {
                    fields[6].vtype = RD_KAFKA_VTYPE_HEADERS
                    fields[6].u.headers = headers
                    count = 7
                }
                guard let error = rd_kafka_produceva(handle.pointer, fields.baseAddress, count) else {
                    return RD_KAFKA_RESP_ERR_NO_ERROR
                }
                defer { rd_kafka_error_destroy(error) }
                return rd_kafka_error_code(error)
                }
            }
        }
        if code != RD_KAFKA_RESP_ERR_NO_ERROR {
            // Nothing was enqueued, so nothing of ours is owned by librdkafka.
            if let headers { rd_kafka_headers_destroy(headers) }
            if let opaque { Unmanaged<DeliveryGroup>.fromOpaque(opaque).release() }
            group?.didNotEnqueue()
        }
        return code
    }

    private func withKeyBytes<Result>(_ key: [UInt8]?, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        if let key {
            return key.withUnsafeBytes(body)
        }
        return body(UnsafeRawBufferPointer(start: nil, count: 0))
    }

    // MARK: The polling thread

    private func runPollingLoop() {
        var stopping = false
        while !stopping {
            let events = rd_kafka_poll(handle.pointer, 100)
            let resume: [ProducerStateMachine.SpaceWaiter]
            switch state.withLock({ $0.polled(events: events) }) {
            case .keepPolling(let waiters):
                resume = waiters
            case .flushAndStop(let waiters):
                resume = waiters
                stopping = true
            }
            for waiter in resume {
                waiter.resume()
            }
        }
        let result = flushForShutdown()
        let stopped = state.withLock { $0.stopped(result) }
        for topic in stopped.topicHandles {
            rd_kafka_topic_destroy(topic)
        }
        for waiter in stopped.waiters {
            waiter.resume(returning: result)
        }
    }

    /// Flushes within the configured timeout; then purges what is left so that every waiting
    /// sender gets its (failed) delivery report instead of waiting forever.
    private func flushForShutdown() -> Result<Void, KafkaError> {
        let code = rd_kafka_flush(handle.pointer, Int32(clamping: configuration.flushTimeoutMilliseconds))
        guard code != RD_KAFKA_RESP_ERR_NO_ERROR else { return .success(()) }
        let left = rd_kafka_outq_len(handle.pointer)
        logger.error("Kafka producer shut down with undelivered messages", metadata: ["kafka.queued": "\(left)"])
        _ = rd_kafka_purge(handle.pointer, Int32(RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT))
        _ = rd_kafka_flush(handle.pointer, 1_000)
        return .failure(KafkaError(code, context: "flush \(left) queued message(s) on shutdown"))
    }

    /// Runs on the polling thread for every delivered or failed message.
    private static func handleDeliveryReport(_ message: UnsafePointer<rd_kafka_message_t>, undelivered: UndeliveredMessages) {
        let report = message.pointee
        var error: KafkaError?
        if report.err != RD_KAFKA_RESP_ERR_NO_ERROR {
            let topic = report.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? "?"
            error = KafkaError(report.err, context: "deliver a message to \(topic) [\(report.partition)]")
        }
        if let opaque = report._private {
            Unmanaged<DeliveryGroup>.fromOpaque(opaque).takeRetainedValue()
                .delivered(partition: report.partition, offset: report.offset, error: error)
        } else if let error {
            undelivered.record(error)
        }
    }
}
