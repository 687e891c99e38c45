import ArgumentParser
import Foundation
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import WasendAggregator
import WasendAPI
import WasendClient
import WasendCore
import WasendKafka
import WasendLocalServers
import WasendPlanner
import WasendRedis
import WasendSender
import WasendSimulator
import WasendTenants

/// `wasend dev`: Wasend in one process on an embedded Kafka (librdkafka's mock brokers) and a
/// `redis-server` it starts, so that a first run needs no Kafka, Redis or Meta account.
/// Production runs each service as its own process against real Kafka and Redis.
struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Run Wasend on an embedded Kafka and a local redis-server (development and demos).",
        discussion: "Checks that Kafka and Redis work end to end, starts the simulator, the campaign API, the planner and the aggregator, prints where everything listens, and runs until SIGINT or SIGTERM."
    )

    @Option(help: "Use this Redis (redis://host:port/db) instead of starting redis-server.")
    var redisURL: String?

    @Option(help: "Partitions per topic of the embedded Kafka. Each partition keeps only about 5 MB: be generous.")
    var partitions = 64

    @Option(help: "Prefix of the topic names.")
    var topicPrefix = WasendTopics.defaultPrefix

    @Option(help: "Sender services in the process, all in one consumer group, sending to the simulator.")
    var senders = 2

    @Option(help: "Sending numbers of the dev tenant and the simulator, in one portfolio; the demo sends a campaign from each.")
    var numbers = 3

    @Option(help: "Submit a demo campaign of this many generated recipients through the API, watch it to the end and exit (0: no demo).")
    var demo = 0

    @Flag(help: "Exit after the end-to-end check instead of running until stopped.")
    var checkOnly = false

    func validate() throws {
        guard partitions >= 1 else { throw ValidationError("--partitions must be at least 1") }
        guard (1...99).contains(numbers) else { throw ValidationError("--numbers must be from 1 to 99") }
        guard senders >= 0 else { throw ValidationError("--senders must be at least 0") }
        guard demo >= 0 else { throw ValidationError("--demo must be 0 or more recipients") }
        guard demo == 0 || senders >= 1 else { throw ValidationError("--demo needs at least one sender") }
    }

    func run() async throws {
        var logger = Logger(label: "wasend.dev")
        logger.logLevel = .notice
        let topics = WasendTopics(prefix: topicPrefix)
        let kafka = try KafkaMockCluster(brokers: 1, logger: logger)
        try kafka.createTopics(topics, partitions: partitions)
        let healthTopic = topicPrefix + "dev.health"
        try kafka.createTopic(healthTopic, partitions: 1)

        let redisServer = redisURL == nil ? try await RedisServerProcess.start() : nil
        let redis = try RedisClient(configuration: RedisConfiguration(url: redisURL ?? redisServer!.url), logger: logger)
        defer { redis.shutDown() }

        print("kafka bootstrap=\(kafka.bootstrapServers) (embedded, topics \(topics.all.joined(separator: ", ")))")
        print("redis \(redis.configuration)\(redisServer == nil ? "" : " (redis-server started in \(redisServer!.directory.path))")")
        let check = EmbeddedHealthCheck(
            bootstrapServers: kafka.bootstrapServers, topic: healthTopic, redis: redis, logger: logger)
        for line in try await check.run() {
            print(line)
        }
        guard !checkOnly else { return }

        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(bootstrapServers: kafka.bootstrapServers), logger: logger)
        let webhookProducer = try KafkaProducer(
            configuration: .webhooks(bootstrapServers: kafka.bootstrapServers, receiver: WebhookReceiverConfiguration()),
            logger: logger)
        let (services, demoService) = try services(
            kafka: kafka, producer: producer, webhookProducer: webhookProducer, redisURL: redisURL ?? redisServer!.url,
            redis: redis, topics: topics, logger: logger)
        print("running; stop with Ctrl-C")
        // The demo, when asked for, ends the whole run when its campaign is final.
        var configured = services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) }
        if let demoService {
            configured.append(.init(service: demoService, successTerminationBehavior: .gracefullyShutdownGroup))
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: configured, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            try? await webhookProducer.shutdown()
            try? await producer.shutdown()
            throw error
        }
        try await webhookProducer.shutdown()
        try await producer.shutdown()
        withExtendedLifetime((kafka, redisServer)) {}
    }

    /// The simulator playing Meta, the campaign API with one tenant sending from the simulator's
    /// numbers, the planner, the senders and the aggregator, all on the embedded Kafka and the local
    /// Redis. The simulator's signed status webhooks go to the API's webhook endpoint, and so to
    /// `wasend.webhooks`.
    private func services(
        kafka: KafkaMockCluster, producer: KafkaProducer, webhookProducer: KafkaProducer, redisURL: String,
        redis: RedisClient, topics: WasendTopics, logger: Logger
    ) throws -> (services: [any Service], demo: DemoCampaignService?) {
        let simulatorPort = try LoopbackPort.free()
        let apiPort = try LoopbackPort.free()
        // The demo sends at the upgraded throughput (1,000 messages/s) from a portfolio without a
        // daily limit, as a campaign at scale would.
        let throughput = demo > 0 ? 1_000 : 80
        let tier: MessagingTier = demo > 0 ? .unlimited : .tier100K
        let phoneNumbers = (1...numbers).map { index in
            SimulatedPhoneNumber(
                id: String(100_000_000_000_000 + index), displayPhoneNumber: String(15_550_000_000 + index),
                messagesPerSecond: Double(throughput))
        }
        let demoCampaign = DemoCampaign(recipients: demo, phoneNumberIDs: phoneNumbers.map(\.id))
        let simulatorToken = "wasend-sim-token"
        let apiKey = "wasend-dev-\(UUID().uuidString.prefix(8).lowercased())"
        let webhookAppSecret = "wasend-dev-\(UUID().uuidString)"
        let webhooks = WebhookReceiverConfiguration(
            appSecret: Secret(webhookAppSecret), verifyToken: Secret("wasend-dev-verify-token"))
        let tenants = try TenantDirectory(tenants: [
            Tenant(
                id: "dev", apiKeys: [Secret(apiKey)],
                numbers: phoneNumbers.map { number in
                    SenderNumber(
                        phoneNumberID: number.id, businessPortfolioID: number.portfolioID,
                        displayNumber: number.displayPhoneNumber, accessToken: Secret(simulatorToken),
                        throughput: throughput, tier: tier)
                })
        ])
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let admin = try KafkaAdmin(configuration: KafkaAdminConfiguration(bootstrapServers: kafka.bootstrapServers), logger: logger)
        let api = CampaignAPI.wired(
            configuration: APIConfiguration(port: apiPort, topics: topics, webhooks: webhooks), tenants: tenants,
            producer: producer, webhookProducer: webhookProducer, admin: admin, redis: redis, metrics: registry,
            logger: logger)

        var planner = PlannerConfiguration()
        planner.bootstrapServers = kafka.bootstrapServers
        planner.redis = try RedisConfiguration(url: redisURL)
        planner.topics = topics
        var aggregator = AggregatorConfiguration()
        aggregator.bootstrapServers = kafka.bootstrapServers
        aggregator.redis = planner.redis
        aggregator.topics = topics
        aggregator.phoneNumberIDs = Dictionary(
            uniqueKeysWithValues: phoneNumbers.map { ($0.displayPhoneNumber.filter(\.isNumber), $0.id) })

        let senderServices: [any Service] = try (0..<senders).map { index in
            var sender = SenderConfiguration()
            sender.bootstrapServers = kafka.bootstrapServers
            sender.redis = try RedisConfiguration(url: redisURL)
            sender.topics = topics
            sender.senderID = "dev-sender-\(index)-\(UUID().uuidString.prefix(8).lowercased())"
            sender.numbers = tenants.tenants.flatMap(\.numbers)
            sender.graphBaseURL = "http://127.0.0.1:\(simulatorPort)"
            return SenderService(configuration: sender, logger: logger)
        }

        print("api http://127.0.0.1:\(apiPort) (API key \(apiKey); tenant dev sends from numbers \(phoneNumbers.map(\.id).joined(separator: ", ")))")
        print("simulator http://127.0.0.1:\(simulatorPort) (Graph API; what it saw: /_sim/stats)")
        print("senders \(senders) (one consumer group, sending to the simulator)")
        let services: [any Service] = [
            SimulatorService(
                configuration: SimulatorConfiguration(
                    port: simulatorPort, accessTokens: [simulatorToken], phoneNumbers: phoneNumbers,
                    behaviour: SimulatorBehaviour(
                        defaultMessagesPerSecond: Double(throughput), messagingTier: tier,
                        undeliverableRecipients: demoCampaign.undeliverable, stopRecipients: demoCampaign.stopRepliers),
                    webhook: WebhookConfiguration(
                        url: "http://127.0.0.1:\(apiPort)/\(webhooks.path)", appSecret: webhookAppSecret)),
                logger: logger),
            APIService(api: api),
            PlannerService(configuration: planner, logger: logger),
            AggregatorService(configuration: aggregator, logger: logger),
        ] + senderServices
        let demoService = demo > 0
            ? DemoCampaignService(
                demo: demoCampaign,
                client: CampaignClientConfiguration(baseURL: "http://127.0.0.1:\(apiPort)", apiKey: apiKey))
            : nil
        return (services, demoService)
    }
}
