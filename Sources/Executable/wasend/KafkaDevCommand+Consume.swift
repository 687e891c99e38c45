import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import WasendKafka

extension KafkaDevCommand {
    /// A console consumer: prints one line per message and commits what it printed, as a
    /// member of a consumer group. Handy to look into topics, and what the tests run as
    /// separate processes of a group.
    struct Consume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "consume",
            abstract: "Consume topics as a group member; print `topic partition offset key` per message.",
            discussion: "Offsets are stored only after a batch is written to standard output, so a consumer killed at any point loses nothing."
        )

        @Option(help: "Bootstrap servers, e.g. the address `wasend kafka-dev` prints.")
        var bootstrapServers: String

        @Option(help: "Consumer group.")
        var group = "wasend-console"

        @Option(name: .customLong("topic"), help: "A topic to consume (repeatable).")
        var topics: [String]

        @Option(help: "The most messages per batch.")
        var maxBatchSize = 1_000

        @OptionGroup var kafka: KafkaPropertyOptions

        func validate() throws {
            guard !topics.isEmpty else { throw ValidationError("give at least one --topic") }
            guard maxBatchSize >= 1 else { throw ValidationError("--max-batch-size must be at least 1") }
        }

        func run() async throws {
            var logger = Logger(label: "wasend.kafka-dev.consume")
            logger.logLevel = .notice
            var configuration = KafkaConsumerConfiguration(bootstrapServers: bootstrapServers, groupID: group)
            configuration.maxBatchSize = maxBatchSize
            configuration.properties = kafka.properties
            let consumer = try KafkaConsumer(configuration: configuration, topics: topics, logger: logger)
            let group = ServiceGroup(
                services: [ConsolePrinter(consumer: consumer)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            try await group.run()
        }
    }
}

/// Prints batches, then stores their offsets; on shutdown, finishes the batch in hand and
/// leaves the group, which commits what was printed.
private struct ConsolePrinter: Service {
    let consumer: KafkaConsumer

    func run() async throws {
        let consumer = self.consumer
        try await cancelWhenGracefulShutdown {
            for try await batch in consumer.batches {
                var lines = ""
                lines.reserveCapacity(batch.count * 48)
                for message in batch {
                    let key = message.key.map { String(decoding: $0, as: UTF8.self) } ?? "-"
                    lines += "\(message.topic) \(message.partition) \(message.offset) \(key)\n"
                }
                print(lines, terminator: "")
                try consumer.store(batch)
            }
        }
        try await consumer.shutdown()
    }
}
