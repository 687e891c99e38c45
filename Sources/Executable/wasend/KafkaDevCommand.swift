import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import WasendKafka

/// `wasend kafka-dev`: an embedded Kafka (librdkafka's mock brokers) as a process of its own,
/// with Wasend's topics created, for local runs and tests; plus a console consumer for it.
struct KafkaDevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kafka-dev",
        abstract: "Run an embedded Kafka cluster with Wasend's topics (development and tests only).",
        subcommands: [Run.self, Consume.self],
        defaultSubcommand: Run.self
    )

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Start the brokers, create the topics, print `bootstrap=HOST:PORT,…` and run until SIGINT or SIGTERM."
        )

        @Option(help: "Number of brokers.")
        var brokers = 1

        @Option(help: "Partitions per topic. Each partition keeps only about 5 MB: be generous.")
        var partitions = 64

        @Option(help: "Prefix of the topic names.")
        var topicPrefix = WasendTopics.defaultPrefix

        @Option(help: "Replicas per partition (at most the number of brokers).")
        var replicationFactor = 1

        func validate() throws {
            guard brokers >= 1 else { throw ValidationError("--brokers must be at least 1") }
            guard partitions >= 1 else { throw ValidationError("--partitions must be at least 1") }
            guard (1...brokers).contains(replicationFactor) else {
                throw ValidationError("--replication-factor must be between 1 and --brokers")
            }
        }

        func run() async throws {
            let logger = Logger(label: "wasend.kafka-dev")
            let cluster = try KafkaMockCluster(brokers: brokers, logger: logger)
            try cluster.createTopics(WasendTopics(prefix: topicPrefix), partitions: partitions, replicationFactor: replicationFactor)
            // One machine-readable line, for scripts and tests, written at once (stdout may be a pipe).
            print("bootstrap=\(cluster.bootstrapServers)")
            logger.info(
                "Embedded Kafka running",
                metadata: ["brokers": "\(brokers)", "partitions": "\(partitions)", "prefix": "\(topicPrefix)"])
            let group = ServiceGroup(
                services: [HoldUntilShutdown()], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            try await group.run()
            withExtendedLifetime(cluster) {}
        }
    }
}
