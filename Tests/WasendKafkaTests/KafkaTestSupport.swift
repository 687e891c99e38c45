import Logging
import WasendKafka
import WasendTestSupport

/// Quiet loggers: librdkafka reports every broker that goes away, which some tests do on purpose.
func testLogger(_ label: String) -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = .critical
    return logger
}

/// A name no other test uses, for topics and groups.
func uniqueName(_ prefix: String) -> String {
    "\(prefix)-\(UInt32.random(in: 0...UInt32.max))"
}

func producerConfiguration(_ cluster: KafkaMockCluster) -> KafkaProducerConfiguration {
    KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers)
}

/// A mock cluster with one topic of one partition, and a producer configured by `configure`.
func singlePartitionTopic(
    _ prefix: String, producer configure: (inout KafkaProducerConfiguration) -> Void
) throws -> (cluster: KafkaMockCluster, topic: String, producer: KafkaProducer) {
    let cluster = try KafkaMockCluster(logger: testLogger("mock"))
    let topic = uniqueName(prefix)
    try cluster.createTopic(topic, partitions: 1)
    var configuration = producerConfiguration(cluster)
    configure(&configuration)
    return (cluster, topic, try KafkaProducer(configuration: configuration, logger: testLogger("producer")))
}

func consumerConfiguration(_ cluster: KafkaMockCluster, group: String) -> KafkaConsumerConfiguration {
    var configuration = KafkaConsumerConfiguration(bootstrapServers: cluster.bootstrapServers, groupID: group)
    // Quicker group joins on the mock cluster.
    configuration.properties["topic.metadata.refresh.interval.ms"] = "1000"
    return configuration
}

/// Consumes until `count` distinct (partition, offset) pairs were seen, storing what it took
/// unless `store` is false.
func consume(_ count: Int, from consumer: KafkaConsumer, store: Bool = true) async throws -> [KafkaConsumerMessage] {
    var seen = Set<KafkaTopicPartitionOffset>()
    var messages: [KafkaConsumerMessage] = []
    for try await batch in consumer.batches {
        for message in batch where seen.insert(KafkaTopicPartitionOffset(message)).inserted {
            messages.append(message)
        }
        if store {
            try consumer.store(batch)
        }
        if messages.count >= count {
            break
        }
    }
    return messages
}

struct KafkaTopicPartitionOffset: Hashable {
    var topic: String
    var partition: Int32
    var offset: Int64

    init(_ message: KafkaConsumerMessage) {
        self.topic = message.topic
        self.partition = message.partition
        self.offset = message.offset
    }
}

/// Runs `body` with a deadline, so a test that would hang fails instead; generous, since a loaded
/// CI machine can take minutes for what takes seconds here.
func withDeadline<T: Sendable>(
    _ duration: Duration = .seconds(300), _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: duration)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else {
            throw WasendProcess.Timeout(waitingFor: "the test body (deadline \(duration))")
        }
        return value
    }
}
