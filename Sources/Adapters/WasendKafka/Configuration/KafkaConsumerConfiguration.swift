import CRdKafka

/// How a `KafkaConsumer` joins its group and hands messages over.
///
/// Offsets are never stored automatically: the application stores (and so commits) only
/// the messages it has processed, which makes consumption at-least-once.
public struct KafkaConsumerConfiguration: Sendable {
    /// Where a group starts on a partition that has no committed offset.
    public enum OffsetReset: String, Sendable {
        case earliest
        case latest
    }

    /// How partitions move between members on a rebalance.
    public enum AssignmentStrategy: String, Sendable {
        /// Incremental: members keep the partitions that do not move (no stop-the-world).
        case cooperativeSticky = "cooperative-sticky"
        /// Eager: every member gives up everything, then gets a new assignment.
        case range
        /// Eager, round-robin.
        case roundRobin = "roundrobin"

        /// Cooperative-sticky where librdkafka handles it safely (2.3 and later); eager
        /// round-robin before that, because librdkafka before 2.3 aborts the whole process
        /// (`rd_kafka_sticky_assignor_state_destroy: Assertion 'assignor_state' failed`, its issue
        /// 4312) when a cooperative-sticky consumer closes before its first assignment, which a
        /// service stopped while it starts, or a loaded machine, makes happen. Debian 12 ships 2.0.2.
        public static var recommended: AssignmentStrategy {
            rd_kafka_version() >= 0x0203_00ff ? .cooperativeSticky : .roundRobin
        }
    }

    public var bootstrapServers: String
    public var groupID: String
    public var clientID: String = "wasend"
    public var offsetReset: OffsetReset = .earliest
    public var assignmentStrategy: AssignmentStrategy = .recommended
    /// `session.timeout.ms`: how long the group waits for a silent member before reassigning.
    public var sessionTimeoutMilliseconds: Int = 10_000
    /// `enable.auto.commit`: commit the *stored* offsets in the background every
    /// `autoCommitIntervalMilliseconds` (and on rebalance and close). Stored offsets are only
    /// those of processed messages, so this stays at-least-once.
    public var autoCommit: Bool = true
    public var autoCommitIntervalMilliseconds: Int = 1_000
    /// The most messages in one batch handed to the application.
    public var maxBatchSize: Int = 1_000
    /// How many batches may wait for the application before the polling thread stops polling.
    public var bufferedBatches: Int = 4
    /// `queued.max.messages.kbytes`: the bound of librdkafka's prefetch queue.
    public var maxPrefetchKilobytes: Int = 64 * 1024
    /// Raw librdkafka properties; they win over the typed fields above.
    public var properties: [String: String] = [:]

    public init(bootstrapServers: String, groupID: String) {
        self.bootstrapServers = bootstrapServers
        self.groupID = groupID
    }

    var librdkafkaProperties: [String: String] {
        var result: [String: String] = [
            "bootstrap.servers": bootstrapServers,
            "group.id": groupID,
            "client.id": clientID,
            "auto.offset.reset": offsetReset.rawValue,
            "partition.assignment.strategy": assignmentStrategy.rawValue,
            "session.timeout.ms": String(sessionTimeoutMilliseconds),
            "enable.auto.commit": autoCommit ? "true" : "false",
            "auto.commit.interval.ms": String(autoCommitIntervalMilliseconds),
            "enable.auto.offset.store": "false",
            "queued.max.messages.kbytes": String(maxPrefetchKilobytes),
            // Partition EOF events are noise for a group consumer.
            "enable.partition.eof": "false",
        ]
        result.merge(properties) { _, raw in raw }
        return result
    }
}
