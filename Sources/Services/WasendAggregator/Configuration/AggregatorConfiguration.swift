import WasendKafka
import WasendRedis

/// How `wasend aggregator` runs. The defaults run against a local Kafka and Redis.
public struct AggregatorConfiguration: Sendable {
    /// `host:port[,host:port…]` of the Kafka brokers.
    public var bootstrapServers: String = "127.0.0.1:9092"
    public var topics = WasendTopics()
    public var redis = RedisConfiguration()
    /// The consumer group sharing `wasend.webhooks` and `wasend.results` among aggregators.
    public var groupID = "wasend-aggregator"
    /// Consumers of `wasend.webhooks` in this process (same group, partitions shared among them):
    /// one parses while another waits for Redis and Kafka.
    public var webhookConsumers = 2
    /// Consumers of `wasend.results` in this process, likewise: one folds while another waits
    /// for its deliveries to reach Kafka.
    public var resultConsumers = 2
    /// A message sent (or accepted) and never delivered, read or failed this long after is
    /// `expired`. Meta gives up after 30 days.
    public var expiry: Duration = .seconds(30 * 24 * 3600)
    /// How often the expiry sweep and the completion check of open campaigns run.
    public var sweepInterval: Duration = .seconds(60)
    /// How often scheduled campaigns are checked for their start time: the most a campaign starts late.
    public var scheduleCheckInterval: Duration = .seconds(1)
    /// The most messages one sweep turns `expired` per campaign, so a sweep stays short.
    public var maxExpiriesPerSweep = 5_000
    /// How long a message's delivery state, and the joins of its job id and wamid, stay in Redis
    /// after their last change: beyond the expiry, so late webhooks still fold.
    public var stateLifetime: Duration = .seconds(35 * 24 * 3600)
    /// Statuses that came before their send result wait this long in Redis for it.
    public var pendingLifetime: Duration = .seconds(7 * 24 * 3600)
    /// The most statuses kept waiting for one message; a message has at most a handful.
    public var maxPendingPerMessage = 16
    /// Inbound texts that opt a recipient out, and that take the opt-out back.
    public var keywords = OptOutKeywords()
    /// Display numbers (digits) → Meta's phone number id, for `phone_number_quality_update`,
    /// which names a number only by its display number. Without an entry, the webhook record's
    /// key (the phone number id the API keyed it by) is used.
    public var phoneNumberIDs: [String: String] = [:]
    /// How often the aggregator checks that Redis still holds Wasend's state, and restores it from
    /// Kafka when it does not (see `StateRestore`); senders hold the jobs of lost campaigns meanwhile.
    public var stateCheckInterval: Duration = .seconds(2)
    /// Raw librdkafka properties for every client the aggregator makes.
    public var kafkaProperties: [String: String] = [:]

    public init() {}
}
