import Foundation
import Logging
import ServiceLifecycle
import WasendCampaigns
import WasendKafka
import WasendLimits
import WasendRedis

/// `wasend aggregator`: folds send results and status webhooks into every message's delivery
/// state (`wasend.deliveries`) and every campaign's exact progress (see DESIGN.md).
///
/// Five loops share the work: the campaigns topic (which campaigns a webhook about a portfolio or
/// template affects, read to its end at start before anything else), results, webhooks, the
/// expiry sweep, and the watch that restores Redis from Kafka when Redis lost its data
/// (``StateRestore``). Each consumer stores an offset only once the records before it are folded,
/// published and acted on, so a crash replays them, and every effect of a replay is idempotent:
/// counters stay exact. `run()` returns when the service group shuts down, or throws when a
/// loop fails.
public struct AggregatorService: Service {
    public let configuration: AggregatorConfiguration
    private let logger: Logger

    public init(configuration: AggregatorConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    public func run() async throws {
        let topics = configuration.topics
        let redis = try RedisClient(configuration: configuration.redis, logger: logger)
        defer { redis.shutDown() }
        var admin = KafkaAdminConfiguration(bootstrapServers: configuration.bootstrapServers)
        admin.properties = configuration.kafkaProperties
        let startWatermarks = try await CampaignFollower.startWatermarks(of: topics.campaigns, configuration: admin, logger: logger)
        var producerConfiguration = KafkaProducerConfiguration(bootstrapServers: configuration.bootstrapServers)
        producerConfiguration.clientID = "wasend-aggregator"
        producerConfiguration.properties = configuration.kafkaProperties
        let producer = try KafkaProducer(configuration: producerConfiguration, logger: logger)
        let resultConsumers = try (0..<max(1, configuration.resultConsumers)).map { _ in
            try KafkaConsumer(
                configuration: consumerConfiguration(groupID: "\(configuration.groupID).results"), topics: [topics.results],
                logger: logger)
        }
        let webhookConsumers = try (0..<max(1, configuration.webhookConsumers)).map { _ in
            try KafkaConsumer(
                configuration: consumerConfiguration(groupID: "\(configuration.groupID).webhooks"), topics: [topics.webhooks],
                logger: logger)
        }
        var campaignsGroup = consumerConfiguration(groupID: "\(configuration.groupID).campaigns.\(UUID().uuidString)")
        campaignsGroup.autoCommit = false
        let campaigns = try KafkaConsumer(configuration: campaignsGroup, topics: [topics.campaigns], logger: logger)

        let store = DeliveryStore(redis: redis, configuration: configuration)
        let directory = CampaignDirectory()
        let campaignStore = RedisCampaignStore(redis: redis)
        let supervisor = CampaignSupervisor(
            redis: redis, store: campaignStore,
            lifecycle: CampaignLifecycle(
                store: campaignStore, publisher: KafkaRecordPublisher(producer: producer), campaignsTopic: topics.campaigns),
            directory: directory, logger: logger)
        let folder = DeliveryFolder(
            store: store, producer: producer, ledger: SendLedger(redis: redis), topics: topics, logger: logger)
        let deadLetters = DeadLetters(producer: producer, topic: topics.deadLetters, logger: logger)
        let actions = WebhookActions(
            redis: redis, keywords: configuration.keywords, windows: CustomerServiceWindows(redis: redis),
            controls: NumberControls(redis: redis), supervisor: supervisor, phoneNumberIDs: configuration.phoneNumberIDs,
            logger: logger)
        let resultsLoops = resultConsumers.map { consumer in
            ResultsLoop(consumer: consumer, folder: folder, supervisor: supervisor, deadLetters: deadLetters, logger: logger)
        }
        let webhooksLoops = webhookConsumers.map { consumer in
            WebhooksLoop(
                consumer: consumer, folder: folder, actions: actions, supervisor: supervisor, deadLetters: deadLetters,
                logger: logger)
        }
        let follower = CampaignFollower(
            consumer: campaigns, directory: directory, deadLetters: producer, deadLetterTopic: topics.deadLetters,
            service: "aggregator", startWatermarks: startWatermarks, logger: logger)
        let restore = StateRestore(
            redis: redis, topics: topics, consumer: consumerConfiguration(groupID: "\(configuration.groupID).restore"),
            admin: admin, ledger: SendLedger(redis: redis), store: campaignStore, supervisor: supervisor,
            results: resultsLoops[0], webhooks: webhooksLoops[0], checkInterval: configuration.stateCheckInterval,
            logger: logger)
        let sweeper = ExpirySweeper(
            configuration: configuration, store: store, folder: folder, supervisor: supervisor, logger: logger)
        let starter = ScheduledStarter(configuration: configuration, supervisor: supervisor, logger: logger)

        logger.info("aggregator started", metadata: ["group": "\(configuration.groupID)"])
        var failure: (any Error)?
        do {
            try await cancelWhenGracefulShutdown {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await follower.run() }
                    // A webhook about a template or a portfolio acts on the campaigns known: no
                    // loop starts before every campaign that existed at start is read.
                    var loops: [@Sendable () async throws -> Void] = [
                        { try await sweeper.run() }, { try await starter.run() }, { try await restore.run() },
                    ]
                    for loop in resultsLoops { loops.append { try await loop.run() } }
                    for loop in webhooksLoops { loops.append { try await loop.run() } }
                    for loop in loops {
                        group.addTask {
                            try await follower.waitUntilCaughtUp(pollingEvery: .milliseconds(20))
                            try await loop()
                        }
                    }
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
        for consumer in [campaigns] + resultConsumers + webhookConsumers {
            do { try await consumer.shutdown() } catch { logger.warning("consumer shutdown: \(error)") }
        }
        do { try await producer.shutdown() } catch { logger.warning("producer shutdown: \(error)") }
        if let failure {
            logger.error("aggregator failed", metadata: ["error": "\(failure)"])
            throw failure
        }
        logger.info("aggregator stopped")
    }

    private func consumerConfiguration(groupID: String) -> KafkaConsumerConfiguration {
        var consumer = KafkaConsumerConfiguration(bootstrapServers: configuration.bootstrapServers, groupID: groupID)
        consumer.clientID = "wasend-aggregator"
        // Only committed transactions: results of a planner's aborted attempt are never seen.
        consumer.properties = ["isolation.level": "read_committed"].merging(configuration.kafkaProperties) { _, raw in raw }
        return consumer
    }
}
