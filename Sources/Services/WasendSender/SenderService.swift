import Logging
import ServiceLifecycle
import WasendCampaigns
import WasendHTTP
import WasendKafka
import WasendLimits
import WasendRedis

/// `wasend sender`: sends jobs from `wasend.jobs` and `wasend.jobs.retry` through the Cloud API
/// under Meta's limits, shared through Redis with every other sender (see DESIGN.md).
///
/// Any number of senders form one consumer group. `run()` returns after a graceful shutdown has
/// let every send in flight finish and its outcome become durable; it throws when Kafka fails
/// for good (a restart resumes from the stored offsets, and the ledger keeps replays from sending twice).
public struct SenderService: Service {
    public let configuration: SenderConfiguration
    private let logger: Logger

    public init(configuration: SenderConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    public func run() async throws {
        let redis = try RedisClient(configuration: configuration.redis, logger: logger)
        defer { redis.shutDown() }
        let http = try HTTPClient(
            configuration: HTTPClient.Configuration(
                maxInFlight: configuration.maxInFlight, maxConnectionsPerHost: min(configuration.maxInFlight, 64),
                requestTimeout: configuration.sendTimeout),
            logger: logger)
        let producer = try KafkaProducer(configuration: producerConfiguration(), logger: logger)
        let consumer = try KafkaConsumer(
            configuration: consumerConfiguration(), topics: [configuration.topics.jobs, configuration.topics.jobsRetry],
            logger: logger)
        let store = RedisCampaignStore(redis: redis)
        let parts = JobPipeline.Parts(
            consumer: consumer, producer: producer,
            limiter: SendLimiter(redis: redis, configuration: configuration.limiter),
            ledger: SendLedger(redis: redis, configuration: configuration.ledger),
            controls: NumberControls(
                redis: redis, throttleBackoff: configuration.limiter.throttleBackoff, clock: configuration.limiter.clock),
            campaigns: CampaignStates(redis: redis, maxAge: configuration.campaignStateMaxAge),
            providers: ProviderDirectory(
                numbers: configuration.numbers, baseURL: configuration.graphBaseURL,
                apiVersion: configuration.graphAPIVersion, sendTimeout: configuration.sendTimeout, http: http),
            failures: CampaignFailureWindows(
                redis: redis, capacity: configuration.failureRateWindow, threshold: configuration.failureRateThreshold),
            autoPause: CampaignAutoPause(
                store: store,
                lifecycle: CampaignLifecycle(
                    store: store, publisher: KafkaRecordPublisher(producer: producer),
                    campaignsTopic: configuration.topics.campaigns),
                logger: logger))
        let pipeline = JobPipeline(configuration: configuration, parts: parts, logger: logger)

        logger.info(
            "sender started",
            metadata: [
                "group": "\(configuration.groupID)", "sender_id": "\(configuration.senderID)",
                "numbers": "\(configuration.numbers.count)", "max_in_flight": "\(configuration.maxInFlight)",
            ])
        var failure: (any Error)?
        do {
            try await withGracefulShutdownHandler {
                try await pipeline.run()
            } onGracefulShutdown: {
                logger.info("sender draining: finishing the sends in flight")
                pipeline.drain()
            }
        } catch {
            failure = error
        }
        let leftovers = pipeline.reservedLeftovers()
        if !leftovers.isEmpty {
            do {
                try await parts.ledger.release(leftovers, owner: configuration.senderID)
            } catch {
                logger.warning("releasing unsent reservations failed; they wait for their leases to end", metadata: ["error": "\(error)"])
            }
        }
        do { try await consumer.shutdown() } catch { logger.warning("consumer shutdown: \(error)") }
        do { try await producer.shutdown() } catch { logger.warning("producer shutdown: \(error)") }
        await http.shutdown()
        if let failure {
            logger.error("sender failed", metadata: ["error": "\(failure)"])
            throw failure
        }
        logger.info("sender stopped")
    }

    private func producerConfiguration() -> KafkaProducerConfiguration {
        var producer = KafkaProducerConfiguration(bootstrapServers: configuration.bootstrapServers)
        producer.clientID = "wasend-sender"
        producer.properties = configuration.kafkaProperties
        return producer
    }

    private func consumerConfiguration() -> KafkaConsumerConfiguration {
        var consumer = KafkaConsumerConfiguration(bootstrapServers: configuration.bootstrapServers, groupID: configuration.groupID)
        consumer.clientID = "wasend-sender"
        // Only jobs of committed planner transactions.
        consumer.properties = ["isolation.level": "read_committed"].merging(configuration.kafkaProperties) { _, raw in raw }
        return consumer
    }
}
