import WasendCore
import WasendKafka
import WasendLimits
import WasendRedis
import WasendTenants

/// How `wasend sender` runs. The defaults run against a local Kafka, Redis and Meta's Graph API;
/// `numbers` must name the sender numbers (with their tokens) the jobs send from.
public struct SenderConfiguration: Sendable {
    /// `host:port[,host:port…]` of the Kafka brokers.
    public var bootstrapServers: String = "127.0.0.1:9092"
    public var topics = WasendTopics()
    public var redis = RedisConfiguration()
    /// The consumer group sharing `wasend.jobs` and `wasend.jobs.retry` among senders.
    public var groupID = "wasend-sender"
    /// Names this process as the owner of its ledger leases; unique among running senders.
    public var senderID = "wasend-sender-0"
    /// The numbers jobs may send from, with their tokens. A job from any other number fails
    /// for good (`stop_sender` would keep it forever for a number nobody configured).
    public var numbers: [SenderNumber] = []
    /// Where the Graph API is: Meta's, or the simulator's in tests and demos.
    public var graphBaseURL = "https://graph.facebook.com"
    public var graphAPIVersion = "v21.0"
    /// Time allowed for one send before it counts as a transport failure (and is retried).
    public var sendTimeout: Duration = .seconds(15)
    /// Sends in flight at once, across all numbers.
    public var maxInFlight = 256
    /// Jobs asked for at once from the limiter and the ledger (one round trip each).
    public var admissionBatchSize = 128
    /// Admission batches in their Redis round trips at once. The dispatcher does not wait for
    /// them: jobs whose slot has come leave on time while the next jobs are admitted. More than
    /// one only pays where the limits are far from binding: batches asking for one number's slots
    /// at once are deferred against each other (4 senders at 80/s: 111 s instead of 66 s).
    public var concurrentAdmissions = 1
    /// Jobs held in memory per partition (waiting for their not-before time, a paused campaign,
    /// a stopped number or a short limit delay). Past it the partition stops fetching until
    /// some are sent, so a waiting partition never holds up the others and memory stays bounded.
    public var maxHeldPerPartition = 1_000
    /// Jobs held in memory in all; fetching waits while it is reached.
    public var maxHeld = 20_000
    /// A job whose limit or backoff delay is longer than this goes to `wasend.jobs.retry` (its
    /// offset is then committed); shorter waits stay in memory.
    public var holdWindow: Duration = .seconds(5)
    /// The shared limits: admission horizon, pair rate, the tier's window (shortened in tests).
    public var limiter = SendLimiterConfiguration()
    /// The send ledger: the lease, and how long a job in doubt (reserved by a sender that died)
    /// waits for a status webhook to settle it before it is sent again.
    public var ledger = SendLedgerConfiguration()
    /// Backoff of transient failures and the most attempts per job.
    public var retryPolicy = RetryPolicy()
    /// How old a cached campaign state may be: pause and cancel take effect within this.
    public var campaignStateMaxAge: Duration = .milliseconds(500)
    /// How often jobs held for a paused campaign or a stopped number look again.
    public var recheckInterval: Duration = .milliseconds(500)
    /// How long to wait before trying Redis again when it cannot be reached (nothing is sent meanwhile).
    public var redisRetryInterval: Duration = .seconds(1)
    /// A campaign pauses itself (reason `error_rate`) when more than this fraction of its last
    /// `failureRateWindow` final outcomes of this sender are failures.
    public var failureRateThreshold = 0.2
    public var failureRateWindow = 200
    /// Raw librdkafka properties for every Kafka client of the sender (tests speed up the mock cluster).
    public var kafkaProperties: [String: String] = [:]

    public init() {}
}
