import WasendKafka
import WasendTenants

/// How `wasend api` listens and what it accepts. Tenants, keys and sender numbers live apart,
/// in a ``TenantDirectory`` loaded from a JSON file, because they change without a redeploy.
public struct APIConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Kafka topic names, under a prefix so several environments can share a cluster.
    public var topics: WasendTopics
    /// Largest JSON body (a create with inline recipients) read into memory.
    public var maxJSONBodyBytes: Int
    /// Largest streamed recipient upload; it is never held in memory, so this is a policy limit.
    public var maxUploadBytes: Int
    /// Recipients per `wasend.recipients` record: the planner's unit of work.
    public var recipientBatchSize: Int
    /// About the largest `wasend.recipients` record: a batch is cut early when its recipients reach it,
    /// so that batches of long rows stay under Kafka's `message.max.bytes` (1 MB by default).
    public var maxBatchBytes: Int
    /// How long a stored answer for an `Idempotency-Key` is replayed.
    public var idempotencyTTL: Duration
    public var defaultPageSize: Int
    public var maxPageSize: Int
    /// Meta's webhooks: `GET` and `POST` at ``WebhookReceiverConfiguration/path``.
    public var webhooks: WebhookReceiverConfiguration

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        topics: WasendTopics = WasendTopics(),
        maxJSONBodyBytes: Int = 16 << 20,
        maxUploadBytes: Int = 4 << 30,
        recipientBatchSize: Int = 1_000,
        maxBatchBytes: Int = 512 * 1024,
        idempotencyTTL: Duration = .seconds(24 * 3600),
        defaultPageSize: Int = 50,
        maxPageSize: Int = 500,
        webhooks: WebhookReceiverConfiguration = WebhookReceiverConfiguration()
    ) {
        self.host = host
        self.port = port
        self.topics = topics
        self.maxJSONBodyBytes = maxJSONBodyBytes
        self.maxUploadBytes = maxUploadBytes
        self.recipientBatchSize = recipientBatchSize
        self.maxBatchBytes = maxBatchBytes
        self.idempotencyTTL = idempotencyTTL
        self.defaultPageSize = defaultPageSize
        self.maxPageSize = maxPageSize
        self.webhooks = webhooks
    }

    /// `wasend.campaigns`: compacted, keyed by campaign id; the source of truth for campaigns.
    public var campaignsTopic: String { topics.campaigns }
    /// `wasend.recipients`: recipient batches spread over the partitions, plus upload markers.
    public var recipientsTopic: String { topics.recipients }
    /// `wasend.webhooks`: keyed by phone number id, verified raw webhook bodies.
    public var webhooksTopic: String { topics.webhooks }
}
