import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import WasendOperations
import WasendKafka
import WasendPlanner
import WasendRedis

/// `wasend planner`: expands campaigns into send jobs until SIGINT or SIGTERM.
struct PlannerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "planner",
        abstract: "Expand campaigns into one send job per recipient (exactly once, with a bounded backlog)."
    )

    @Option(help: "Kafka bootstrap servers (env WASEND_KAFKA_BOOTSTRAP).")
    var bootstrapServers = ProcessInfo.processInfo.environment["WASEND_KAFKA_BOOTSTRAP"] ?? PlannerConfiguration().bootstrapServers

    /// Read at run time, not as the option's default, so a password in it never shows in `--help`.
    @Option(help: "Redis URL, redis://[:password@]host[:port][/database]. Env: WASEND_REDIS_URL. Default: redis://127.0.0.1:6379/0.")
    var redisURL: String?

    @Option(help: "Prefix of the topic names.")
    var topicPrefix = WasendTopics.defaultPrefix

    @Option(help: "Consumer group of the planners.")
    var group = PlannerConfiguration().groupID

    @Option(help: "Transactional id: stable across restarts of this planner, unique among running planners (env WASEND_PLANNER_ID).")
    var transactionalID = ProcessInfo.processInfo.environment["WASEND_PLANNER_ID"] ?? PlannerConfiguration().transactionalID

    @Option(help: "The most queued, unsent jobs of one campaign before its expansion waits.")
    var maxBacklog = PlannerConfiguration().maxBacklogPerCampaign

    @OptionGroup var operations: OperationsOptions

    @OptionGroup var kafka: KafkaPropertyOptions

    @Option(help: "The most recipients in one Kafka transaction.")
    var maxRecipientsPerTransaction = PlannerConfiguration().maxRecipientsPerTransaction

    @Option(help: "The longest a Kafka transaction that is not full stays open, in milliseconds.")
    var transactionLingerMs = Int(PlannerConfiguration().transactionLinger / .milliseconds(1))

    @Option(help: "Expansion lanes, each with its own Kafka transaction over its share of the partitions.")
    var expansionLanes = PlannerConfiguration().expansionLanes

    func validate() throws {
        guard expansionLanes >= 1 else { throw ValidationError("--expansion-lanes must be at least 1") }
        guard maxBacklog >= 1 else { throw ValidationError("--max-backlog must be at least 1") }
        guard maxRecipientsPerTransaction >= 1 else {
            throw ValidationError("--max-recipients-per-transaction must be at least 1")
        }
        guard transactionLingerMs >= 0 else { throw ValidationError("--transaction-linger-ms must not be negative") }
    }

    func run() async throws {
        let logger = Logger(label: "wasend.planner")
        var configuration = PlannerConfiguration()
        configuration.bootstrapServers = bootstrapServers
        configuration.kafkaProperties = kafka.properties
        configuration.redis = try RedisConfiguration(
            url: redisURL ?? ProcessInfo.processInfo.environment["WASEND_REDIS_URL"] ?? "redis://127.0.0.1:6379/0")
        configuration.topics = WasendTopics(prefix: topicPrefix)
        configuration.groupID = group
        configuration.transactionalID = transactionalID
        configuration.maxBacklogPerCampaign = maxBacklog
        configuration.maxRecipientsPerTransaction = maxRecipientsPerTransaction
        configuration.transactionLinger = .milliseconds(transactionLingerMs)
        configuration.expansionLanes = expansionLanes
        let operations = try operations.serverProbingRedis(configuration.redis, logger: logger)
        defer { operations.probe.shutDown() }
        let group = ServiceGroup(
            services: [PlannerService(configuration: configuration, logger: logger), operations.server],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await group.run()
    }
}
