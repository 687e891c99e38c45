import CRdKafka

/// Owns one `rd_kafka_t` and the callbacks it calls; destroys both when released.
///
/// librdkafka's handle functions are thread-safe, so the handle is shared, but the blocking
/// ones (polls, flushes, commits, closes) are only ever called from the owner's own thread
/// or queue, never from Swift's cooperative pool.
final class RdKafkaHandle: @unchecked Sendable {
    let pointer: OpaquePointer
    let callbacks: RdKafkaCallbacks
    private let retainedCallbacks: Unmanaged<RdKafkaCallbacks>

    init(kind: rd_kafka_type_t, properties: [String: String], callbacks: RdKafkaCallbacks) throws(KafkaError) {
        let conf = try RdKafkaConfiguration.make(properties)
        let retained = Unmanaged.passRetained(callbacks)
        callbacks.install(on: conf, opaque: retained.toOpaque())
        var errorText = RdKafkaErrorText()
        guard let pointer = rd_kafka_new(kind, conf, &errorText.buffer, errorText.buffer.count) else {
            // On failure the configuration still belongs to us.
            rd_kafka_conf_destroy(conf)
            retained.release()
            throw KafkaError(
                code: .invalidArgument, message: errorText.string, context: "create a Kafka client")
        }
        self.pointer = pointer
        self.callbacks = callbacks
        self.retainedCallbacks = retained
    }

    deinit {
        rd_kafka_destroy(pointer)
        retainedCallbacks.release()
    }

    /// A topic handle for `name`, which librdkafka keeps for the handle's life; the caller
    /// must release it with `rd_kafka_topic_destroy`.
    func topic(named name: String) throws(KafkaError) -> OpaquePointer {
        guard let topic = rd_kafka_topic_new(pointer, name, nil) else {
            throw KafkaError(code: .invalidArgument, message: "invalid topic name", context: "open topic \(name)")
        }
        return topic
    }
}
