import ArgumentParser
import Foundation
import Logging
import WasendKafka

/// `wasend-bench kafka`: produce and consume throughput on the embedded Kafka (mock cluster,
/// in this process, so the CPU figures include the brokers' work).
struct KafkaBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kafka",
        abstract: "Messages per second and CPU per message: fire-and-forget produce, awaited batch produce, batch consume."
    )

    @Option(help: "Messages per phase.")
    var messages = 1_000_000

    @Option(help: "Bytes per message value.")
    var messageSize = 200

    @Option(help: "Partitions per topic (each keeps only about 5 MB on the mock cluster).")
    var partitions = 96

    @Option(help: "Messages per awaited batch in the batch-produce phase.")
    var batchSize = 10_000

    @Option(help: "The producer's linger.ms (default: the adapter's default).")
    var lingerMs: Int?

    func run() async throws {
        var logger = Logger(label: "wasend-bench.kafka")
        logger.logLevel = .error
        let cluster = try KafkaMockCluster(brokers: 1, logger: logger)
        // The clients must be gone before the cluster, or they log failed reconnections.
        try await runPhases(on: cluster, logger: logger)
    }

    private func runPhases(on cluster: KafkaMockCluster, logger: Logger) async throws {
        let value = [UInt8](repeating: UInt8(ascii: "w"), count: messageSize)
        print("kafka: \(messages) messages of \(messageSize) bytes, \(partitions) partitions, 1 mock broker in process")

        let fireAndForgetTopic = "bench.fire-and-forget"
        try cluster.createTopic(fireAndForgetTopic, partitions: partitions)
        var producerConfiguration = KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers)
        if let lingerMs {
            producerConfiguration.lingerMilliseconds = lingerMs
        }
        print("  producer linger.ms=\(producerConfiguration.lingerMilliseconds)")
        let producer = try KafkaProducer(configuration: producerConfiguration, logger: logger)
        // Keyed like Wasend's topics, so the partitions fill evenly (each keeps only about 5 MB).
        let records = (0..<4_096).map { KafkaProducerRecord(topic: fireAndForgetTopic, key: "recipient-\($0)", value: value) }
        try await measure("produce, fire-and-forget + flush") {
            for index in 0..<messages {
                try await producer.sendAndForget(records[index & 4_095])
            }
            try await producer.flush()
        }

        let batchTopic = "bench.batches"
        try cluster.createTopic(batchTopic, partitions: partitions)
        let batch = (0..<batchSize).map { KafkaProducerRecord(topic: batchTopic, key: "recipient-\($0)", value: value) }
        try await measure("produce, awaited batches of \(batchSize)") {
            for _ in 0..<(messages / batchSize) {
                try await producer.send(contentsOf: batch)
            }
        }
        try await producer.shutdown()

        let retained = try await retainedMessages(in: fireAndForgetTopic, cluster: cluster, logger: logger)
        if retained < messages {
            print("  warning: the mock cluster kept only \(retained) of \(messages) messages: use more partitions")
        }
        var consumerConfiguration = KafkaConsumerConfiguration(
            bootstrapServers: cluster.bootstrapServers, groupID: "bench")
        consumerConfiguration.maxBatchSize = 10_000
        let consumer = try KafkaConsumer(configuration: consumerConfiguration, topics: [fireAndForgetTopic], logger: logger)
        // Joining the group takes the mock's initial rebalance delay (3 s): count from the first batch.
        var batches = consumer.batches.makeAsyncIterator()
        let first = try await batches.next() ?? []
        try consumer.store(first)
        var consumed = first.count
        try await measure("consume, batches + store offsets", messages: retained - consumed) {
            while consumed < retained, let batch = try await batches.next() {
                consumed += batch.count
                try consumer.store(batch)
            }
        }
        try await consumer.shutdown()
    }

    private func retainedMessages(in topic: String, cluster: KafkaMockCluster, logger: Logger) async throws -> Int {
        let admin = try KafkaAdmin(configuration: .init(bootstrapServers: cluster.bootstrapServers), logger: logger)
        var retained: Int64 = 0
        for partition in 0..<Int32(partitions) {
            retained += try await admin.watermarks(of: KafkaTopicPartition(topic: topic, partition: partition)).count
        }
        return Int(retained)
    }

    private func measure(_ phase: String, messages: Int? = nil, _ body: () async throws -> Void) async throws {
        let messages = messages ?? self.messages
        let cpuBefore = Self.processCPUSeconds()
        let start = ContinuousClock.now
        try await body()
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let cpu = Self.processCPUSeconds() - cpuBefore
        let rate = Double(messages) / seconds
        let cpuPerMessage = cpu / Double(messages) * 1e6
        print(
            "  \(phase): \(String(format: "%.2f", seconds)) s, \(Int(rate)) messages/s, "
                + "\(String(format: "%.2f", cpuPerMessage)) µs CPU/message (process, brokers included)")
    }

    private static func processCPUSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        return user + system
    }
}
