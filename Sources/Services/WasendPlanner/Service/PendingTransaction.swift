import WasendCampaigns
import WasendKafka

/// What the next Kafka transaction will hold: the records to produce, the consumed messages
/// whose offsets it commits, and the counter increments that go with them.
struct PendingTransaction: Sendable {
    struct Counts: Sendable {
        var campaignID: String
        var batch: SourcePosition
        var increments: [(field: String, increment: Int64)]
    }

    /// The records by batch: a lane's transaction is copied into the task that advances it, and
    /// adding a batch to a shared copy then copies a list of batches, not every record so far.
    private var batches: [[KafkaProducerRecord]] = []
    var records: FlattenSequence<[[KafkaProducerRecord]]> { batches.joined() }
    /// Only partition and offset matter; the values are dropped to keep the transaction small.
    private(set) var consumed: [KafkaConsumerMessage] = []
    private(set) var counts: [Counts] = []
    private(set) var recipients = 0
    private(set) var jobs = 0
    /// Jobs per campaign in this transaction, not yet in the Redis counters.
    private(set) var plannedJobs: [String: Int64] = [:]

    /// When the first record went into it: it commits once it is full or this long ago
    /// (``PlannerConfiguration/transactionLinger``).
    private(set) var openedAt: ContinuousClock.Instant?

    var isEmpty: Bool { consumed.isEmpty }

    mutating func consume(_ message: KafkaConsumerMessage) {
        if openedAt == nil { openedAt = .now }
        consumed.append(
            KafkaConsumerMessage(topic: message.topic, partition: message.partition, offset: message.offset, key: nil, value: []))
    }

    mutating func produce(_ record: KafkaProducerRecord) {
        batches.append([record])
    }

    mutating func add(_ expansion: BatchExpansion, records expanded: [KafkaProducerRecord], batch: SourcePosition) {
        batches.append(expanded)
        recipients += expansion.batch.recipients.count
        jobs += expansion.jobs.count
        plannedJobs[expansion.plan.campaignID, default: 0] += Int64(expansion.jobs.count)
        counts.append(Counts(campaignID: expansion.plan.campaignID, batch: batch, increments: expansion.counterIncrements))
    }
}
