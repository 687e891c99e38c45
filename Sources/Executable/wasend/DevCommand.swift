import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import WasendKafka
import WasendLocalServers
import WasendRedis

/// `wasend dev`: Wasend in one process on an embedded Kafka (librdkafka's mock brokers) and a
/// `redis-server` it starts, so that a first run needs no Kafka, Redis or Meta account.
/// Production runs each service as its own process against real Kafka and Redis.
struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Run Wasend on an embedded Kafka and a local redis-server (development and demos).",
        discussion: "Prints where everything listens, checks that Kafka and Redis work end to end, and runs until SIGINT or SIGTERM."
    )

    @Option(help: "Use this Redis (redis://host:port/db) instead of starting redis-server.")
    var redisURL: String?

    @Option(help: "Partitions per topic of the embedded Kafka. Each partition keeps only about 5 MB: be generous.")
    var partitions = 64

    @Option(help: "Prefix of the topic names.")
    var topicPrefix = WasendTopics.defaultPrefix

    @Flag(help: "Exit after the end-to-end check instead of running until stopped.")
    var checkOnly = false

    func validate() throws {
        guard partitions >= 1 else { throw ValidationError("--partitions must be at least 1") }
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

        print("running; stop with Ctrl-C")
        let group = ServiceGroup(
            services: [HoldUntilShutdown()], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await group.run()
        withExtendedLifetime((kafka, redisServer)) {}
    }
}
