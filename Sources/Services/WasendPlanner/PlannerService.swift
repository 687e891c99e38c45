import Logging
import Metrics
import ServiceLifecycle
import WasendCampaigns
import WasendKafka
import WasendRedis

/// `wasend planner`: expands campaigns into one send job per recipient (see DESIGN.md).
///
/// Three loops share the work: one follows the campaigns topic, one records upload markers
/// ahead of the expansion, and one expands recipient batches in Kafka transactions. `run()`
/// returns when the service group shuts down, or throws when a loop fails (a restart then
/// resumes from the committed offsets, which is what makes the expansion exactly-once). When
/// Redis is away it does that restart itself, once a second until Redis is back: a planner that
/// exited instead left a campaign half planned until something restarted it.
public struct PlannerService: Service {
    public let configuration: PlannerConfiguration
    private let logger: Logger

    public init(configuration: PlannerConfiguration, logger: Logger) {
        // Partitions are shared out by lane: without a lane nothing would be expanded.
        precondition(configuration.expansionLanes >= 1, "PlannerConfiguration.expansionLanes must be at least 1")
        self.configuration = configuration
        self.logger = logger
    }

    public func run() async throws {
        while true {
            do {
                return try await runUntilFailure()
            } catch let error as RedisError where error.serverUnavailable {
                logger.error(
                    "Redis unavailable; the planner starts again from its committed offsets once it is back",
                    metadata: ["error": "\(error)"])
                Counter(label: "wasend_planner_dependency_outages_total", dimensions: [("work", "expansion")]).increment()
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(1)) }
                if Task.isShuttingDownGracefully || Task.isCancelled { return }
            }
        }
    }

    /// Runs the three loops with clients of their own, until shutdown or the first failure.
    private func runUntilFailure() async throws {
        let topics = configuration.topics
        let redis = try RedisClient(configuration: configuration.redis, logger: logger)
        defer { redis.shutDown() }
        let store = PlannerStore(redis: redis)

        var admin = KafkaAdminConfiguration(bootstrapServers: configuration.bootstrapServers)
        admin.properties = configuration.kafkaProperties
        let startWatermarks = try await CampaignFollower.startWatermarks(of: topics.campaigns, configuration: admin, logger: logger)
        logger.debug("campaigns topic measured", metadata: ["partitions": "\(startWatermarks.count)"])
        var laneProducers: [KafkaProducer] = []
        for lane in 0..<configuration.expansionLanes {
            var transactional = producerConfiguration()
            transactional.transactionalID = configuration.transactionalID(ofLane: lane)
            // librdkafka requires a message's delivery timeout within the transaction timeout (60 s).
            transactional.deliveryTimeoutMilliseconds = 60_000
            laneProducers.append(try KafkaProducer(configuration: transactional, logger: logger))
        }
        let deadLetters = try KafkaProducer(configuration: producerConfiguration(), logger: logger)
        for (lane, producer) in laneProducers.enumerated() {
            try await producer.initTransactions()
            logger.debug(
                "transactions initialised", metadata: ["transactional_id": "\(configuration.transactionalID(ofLane: lane))"])
        }

        var campaignsGroup = consumerConfiguration(groupID: "\(configuration.groupID).campaigns.\(configuration.transactionalID)")
        campaignsGroup.autoCommit = false
        let campaigns = try KafkaConsumer(configuration: campaignsGroup, topics: [topics.campaigns], logger: logger)
        // Both readers of wasend.recipients take a few records (up to 1,000 recipients each) at a
        // time, with a small prefetch: memory stays bounded whatever the campaign's size.
        var uploadsGroup = consumerConfiguration(groupID: "\(configuration.groupID).uploads")
        uploadsGroup.maxBatchSize = 16
        uploadsGroup.bufferedBatches = 2
        uploadsGroup.maxPrefetchKilobytes = 8 * 1024
        let uploads = try KafkaConsumer(configuration: uploadsGroup, topics: [topics.recipients], logger: logger)
        var recipientsGroup = consumerConfiguration(groupID: configuration.groupID)
        recipientsGroup.autoCommit = false
        recipientsGroup.maxBatchSize = 8
        recipientsGroup.bufferedBatches = 2
        recipientsGroup.maxPrefetchKilobytes = 8 * 1024
        let recipients = try KafkaConsumer(configuration: recipientsGroup, topics: [topics.recipients], logger: logger)

        let directory = CampaignDirectory()
        let follower = CampaignFollower(
            consumer: campaigns, directory: directory, deadLetters: deadLetters, deadLetterTopic: topics.deadLetters,
            service: "planner", startWatermarks: startWatermarks, logger: logger)
        let recorder = UploadMarkerRecorder(consumer: uploads, store: store, logger: logger)
        let expander = RecipientExpander(
            configuration: configuration, consumer: recipients, producers: laneProducers, store: store, directory: directory,
            follower: follower, logger: logger)

        logger.info(
            "planner started",
            metadata: ["group": "\(configuration.groupID)", "max_backlog": "\(configuration.maxBacklogPerCampaign)"])
        var failure: (any Error)?
        do {
            try await cancelWhenGracefulShutdown {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await follower.run() }
                    group.addTask { try await recorder.run() }
                    group.addTask { try await expander.run() }
                    // The first loop to end (shutdown, or a failure) ends them all.
                    defer { group.cancelAll() }
                    try await group.next()
                }
            }
        } catch is CancellationError {
            // Shutdown.
        } catch {
            failure = error
        }
        for consumer in [recipients, uploads, campaigns] {
            do { try await consumer.shutdown() } catch { logger.warning("consumer shutdown: \(error)") }
        }
        for producer in laneProducers + [deadLetters] {
            do { try await producer.shutdown() } catch { logger.warning("producer shutdown: \(error)") }
        }
        if let failure {
            logger.error("planner failed", metadata: ["error": "\(failure)"])
            throw failure
        }
        logger.info("planner stopped")
    }

    private func producerConfiguration() -> KafkaProducerConfiguration {
        var producer = KafkaProducerConfiguration(bootstrapServers: configuration.bootstrapServers)
        producer.clientID = "wasend-planner"
        producer.properties = configuration.kafkaProperties
        return producer
    }

    private func consumerConfiguration(groupID: String) -> KafkaConsumerConfiguration {
        var consumer = KafkaConsumerConfiguration(bootstrapServers: configuration.bootstrapServers, groupID: groupID)
        consumer.clientID = "wasend-planner"
        // Only committed transactions: jobs of an aborted attempt are never seen downstream.
        consumer.properties = ["isolation.level": "read_committed"].merging(configuration.kafkaProperties) { _, raw in raw }
        return consumer
    }
}
