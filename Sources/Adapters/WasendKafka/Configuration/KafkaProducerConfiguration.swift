/// How a `KafkaProducer` talks to Kafka.
///
/// The defaults favour durability (every in-sync replica acknowledges, idempotence removes
/// duplicates from retries) and throughput (batches fill for a few milliseconds). Anything
/// not modelled here goes in `properties`, which override the typed fields.
public struct KafkaProducerConfiguration: Sendable {
    /// `host:port[,host:port…]` of one or more brokers.
    public var bootstrapServers: String
    public var clientID: String = "wasend"
    /// `acks=all`: a message counts as sent only when every in-sync replica has it.
    public var acknowledgeAllReplicas: Bool = true
    /// `enable.idempotence`: retries can neither duplicate nor reorder messages.
    public var idempotent: Bool = true
    /// `linger.ms`: how long a batch may wait to fill before it is sent.
    public var lingerMilliseconds: Int = 5
    /// `compression.codec`: each batch is compressed by the producer and stays compressed on the
    /// brokers and the wire. Wasend's records are JSON that repeats its field names, campaign and
    /// number ids, which lz4 shrinks at little CPU (the planner's CPU per recipient rose 3–10 %);
    /// brokers then keep more of a partition within their size-based retention (librdkafka's mock
    /// brokers keep about 5 MB per partition, which a number's webhooks filled in the fault suite).
    public var compression: Compression = .lz4
    /// `batch.num.messages`: the most messages in one batch.
    public var batchMessages: Int = 10_000
    /// `queue.buffering.max.messages`: the bound of librdkafka's queue of unsent messages.
    /// When it is full, sends wait for deliveries to make room: this is the back-pressure.
    public var maxQueuedMessages: Int = 100_000
    /// `queue.buffering.max.kbytes`: the same bound in kilobytes.
    public var maxQueuedKilobytes: Int = 256 * 1024
    /// `delivery.timeout.ms`: how long a message may wait for a successful delivery,
    /// retries included, before its send fails.
    public var deliveryTimeoutMilliseconds: Int = 120_000
    /// `transactional.id`: set it to use transactions (see `initTransactions()`). It must
    /// be stable across restarts of the same logical producer so that zombies are fenced.
    public var transactionalID: String?
    /// `transaction.timeout.ms`: how long a transaction may stay open before the coordinator
    /// aborts it. A transactional producer's delivery timeout is capped by it (librdkafka requires it).
    public var transactionTimeoutMilliseconds: Int = 60_000
    /// How long `shutdown()` waits for queued messages to be delivered.
    public var flushTimeoutMilliseconds: Int = 30_000
    /// Raw librdkafka properties; they win over the typed fields above.
    public var properties: [String: String] = [:]

    /// The codecs librdkafka is built with on Debian (`librdkafka-dev`).
    public enum Compression: String, Sendable, CaseIterable {
        case none, gzip, snappy, lz4, zstd
    }

    public init(bootstrapServers: String) {
        self.bootstrapServers = bootstrapServers
    }

    /// All properties handed to librdkafka.
    var librdkafkaProperties: [String: String] {
        var result: [String: String] = [
            "bootstrap.servers": bootstrapServers,
            "client.id": clientID,
            "acks": acknowledgeAllReplicas ? "all" : "1",
            "enable.idempotence": idempotent ? "true" : "false",
            "linger.ms": String(lingerMilliseconds),
            "compression.codec": compression.rawValue,
            "batch.num.messages": String(batchMessages),
            "queue.buffering.max.messages": String(maxQueuedMessages),
            "queue.buffering.max.kbytes": String(maxQueuedKilobytes),
            "delivery.timeout.ms": String(deliveryTimeoutMilliseconds),
        ]
        if let transactionalID {
            result["transactional.id"] = transactionalID
            result["transaction.timeout.ms"] = String(transactionTimeoutMilliseconds)
            result["delivery.timeout.ms"] = String(min(deliveryTimeoutMilliseconds, transactionTimeoutMilliseconds))
        }
        result.merge(properties) { _, raw in raw }
        return result
    }
}
