import WasendKafka
import WasendRedis

/// How `wasend planner` runs. The defaults run against a local Kafka and Redis.
public struct PlannerConfiguration: Sendable {
    /// `host:port[,host:port…]` of the Kafka brokers.
    public var bootstrapServers: String = "127.0.0.1:9092"
    public var topics = WasendTopics()
    public var redis = RedisConfiguration()
    /// The consumer group sharing `wasend.recipients` among planners.
    public var groupID = "wasend-planner"
    /// Stable across restarts of the same planner, so a restarted planner fences its dead
    /// predecessor's open transaction; unique among planners running at the same time.
    public var transactionalID = "wasend-planner-0"
    /// Expansion lanes in this planner, each with its own Kafka transaction over its share of
    /// the partitions (see `ExpansionLane`): two keep both cores of a small machine busy where
    /// one waited on Redis and on its commits. Each lane after the first has a transactional id
    /// of its own (``transactionalID(ofLane:)``). A planner restarted with fewer lanes leaves the
    /// dropped lanes' open transactions to Kafka's transaction timeout, which aborts them.
    public var expansionLanes = 2
    /// The most queued, unsent jobs of one campaign: the planner stops expanding the campaign
    /// while `planned − finished` is at or above it, so a paused or cancelled campaign leaves
    /// little queued and the embedded Kafka's retention is never outrun.
    public var maxBacklogPerCampaign: Int64 = 50_000
    /// How often a waiting planner looks again at a campaign's state, schedule and backlog.
    public var recheckInterval: Duration = .milliseconds(200)
    /// The most recipients expanded in one Kafka transaction. Each commit waits for every record's
    /// acknowledgement and a few round trips, so larger transactions expand faster; a
    /// transaction's records are held in memory until it commits.
    public var maxRecipientsPerTransaction = 20_000
    /// The longest a transaction that is not full stays open: it commits once full, or this long
    /// after its first record, so a trickle of small uploads is planned within about this time.
    public var transactionLinger: Duration = .milliseconds(250)
    /// A recipient batch whose upload has neither committed nor aborted this long after it was
    /// written goes to the dead-letter topic (the API died in the middle of the upload).
    public var uploadCommitTimeout: Duration = .seconds(15 * 60)
    /// Recipients of a campaign the planner has not seen this long after they were written go to
    /// the dead-letter topic.
    public var unknownCampaignTimeout: Duration = .seconds(10 * 60)
    /// Raw librdkafka properties for every client the planner makes (tests speed up the mock cluster).
    public var kafkaProperties: [String: String] = [:]

    public init() {}

    /// Lane 0 keeps ``transactionalID`` itself, so a planner of one lane fences the same
    /// predecessor as before lanes existed.
    public func transactionalID(ofLane lane: Int) -> String {
        lane == 0 ? transactionalID : "\(transactionalID)-lane-\(lane)"
    }
}
