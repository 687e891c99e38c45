import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import WasendAggregator
import WasendKafka
import WasendRedis

/// `wasend aggregator`: folds send results and webhooks into delivery states and campaign
/// progress until SIGINT or SIGTERM.
struct AggregatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregator",
        abstract: "Fold send results and webhooks into every message's delivery state and every campaign's exact progress."
    )

    @Option(help: "Kafka bootstrap servers (env WASEND_KAFKA_BOOTSTRAP).")
    var bootstrapServers =
        ProcessInfo.processInfo.environment["WASEND_KAFKA_BOOTSTRAP"] ?? AggregatorConfiguration().bootstrapServers

    /// Read at run time, not as the option's default, so a password in it never shows in `--help`.
    @Option(help: "Redis URL, redis://[:password@]host[:port][/database]. Env: WASEND_REDIS_URL. Default: redis://127.0.0.1:6379/0.")
    var redisURL: String?

    @Option(help: "Prefix of the topic names.")
    var topicPrefix = WasendTopics.defaultPrefix

    @Option(help: "Consumer group of the aggregators.")
    var group = AggregatorConfiguration().groupID

    @Option(help: "Seconds after which a message sent and never delivered is expired (Meta's: 30 days).")
    var expirySeconds = Int(AggregatorConfiguration().expiry.components.seconds)

    @Option(help: "Seconds between expiry sweeps and completion checks of open campaigns.")
    var sweepSeconds = Int(AggregatorConfiguration().sweepInterval.components.seconds)

    @OptionGroup var operations: OperationsOptions

    @OptionGroup var kafka: KafkaPropertyOptions

    @Option(help: "Comma-separated words that opt a recipient out (replace the defaults in several languages).")
    var stopKeywords: String?

    @Option(help: "Comma-separated words that take an opt-out back (replace the defaults).")
    var resumeKeywords: String?

    func validate() throws {
        guard expirySeconds >= 1 else { throw ValidationError("--expiry-seconds must be at least 1") }
        guard sweepSeconds >= 1 else { throw ValidationError("--sweep-seconds must be at least 1") }
    }

    func run() async throws {
        let logger = Logger(label: "wasend.aggregator")
        var configuration = AggregatorConfiguration()
        configuration.bootstrapServers = bootstrapServers
        configuration.kafkaProperties = kafka.properties
        configuration.redis = try RedisConfiguration(
            url: redisURL ?? ProcessInfo.processInfo.environment["WASEND_REDIS_URL"] ?? "redis://127.0.0.1:6379/0")
        configuration.topics = WasendTopics(prefix: topicPrefix)
        configuration.groupID = group
        configuration.expiry = .seconds(expirySeconds)
        configuration.sweepInterval = .seconds(sweepSeconds)
        configuration.keywords = OptOutKeywords(
            stop: stopKeywords.map(Self.words) ?? OptOutKeywords.defaultStop,
            resume: resumeKeywords.map(Self.words) ?? OptOutKeywords.defaultResume)
        let operations = try operations.serverProbingRedis(configuration.redis, logger: logger)
        defer { operations.probe.shutDown() }
        let group = ServiceGroup(
            services: [AggregatorService(configuration: configuration, logger: logger), operations.server],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await group.run()
    }

    private static func words(_ list: String) -> Set<String> {
        Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }
}
