import Testing
import WasendKafka

/// Producer, consumer and admin against librdkafka's mock cluster, in process.
@Suite("Kafka producer and consumer", .serialized)
struct KafkaProducerConsumerTests {
    @Test("a sent message comes back with its key, headers, partition and offset")
    func roundTrip() async throws {
        try await withDeadline {
            let cluster = try KafkaMockCluster(logger: testLogger("mock"))
            let topic = uniqueName("round-trip")
            try cluster.createTopic(topic, partitions: 4)
            let producer = try KafkaProducer(configuration: producerConfiguration(cluster), logger: testLogger("producer"))
            let record = KafkaProducerRecord(
                topic: topic, partition: 2, key: "recipient-1", value: Array("hello".utf8),
                headers: [KafkaHeader(key: "trace", value: Array("abc".utf8)), KafkaHeader(key: "empty", value: nil)])
            let report = try await producer.send(record)
            #expect(report == KafkaDeliveryReport(topic: topic, partition: 2, offset: 0))
            try await producer.shutdown()

            let group = uniqueName("group")
            let consumer = try KafkaConsumer(
                configuration: consumerConfiguration(cluster, group: group), topics: [topic], logger: testLogger("consumer"))
            let messages = try await consume(1, from: consumer)
            try await consumer.commit(messages)
            try await consumer.shutdown()

            let message = try #require(messages.first)
            #expect(message.topic == topic)
            #expect(message.partition == 2)
            #expect(message.offset == 0)
            #expect(message.key == Array("recipient-1".utf8))
            #expect(message.value == Array("hello".utf8))
            #expect(message.headers == record.headers)
            #expect(message.timestampMilliseconds != nil)

            let admin = try KafkaAdmin(configuration: .init(bootstrapServers: cluster.bootstrapServers), logger: testLogger("admin"))
            let lag = try await admin.lag(ofGroup: group, topics: [topic])
            #expect(lag.partitions.count == 4)
            #expect(lag.total == 0)
            let committed = lag.partitions.first { $0.partition.partition == 2 }?.committedOffset
            #expect(committed == 1)
        }
    }

    @Test("a full librdkafka queue makes sends wait, and nothing is lost")
    func backPressure() async throws {
        try await withDeadline {
            let cluster = try KafkaMockCluster(logger: testLogger("mock"))
            let topic = uniqueName("back-pressure")
            try cluster.createTopic(topic, partitions: 8)
            // Slow acknowledgements and a tiny queue: most sends find it full.
            try cluster.setRoundTripTime(milliseconds: 20)
            var configuration = producerConfiguration(cluster)
            configuration.maxQueuedMessages = 50
            configuration.batchMessages = 10
            let producer = try KafkaProducer(configuration: configuration, logger: testLogger("producer"))
            let count = 5_000
            for index in 0..<count {
                try await producer.sendAndForget(KafkaProducerRecord(topic: topic, key: "k\(index)", value: [1, 2, 3]))
            }
            try await producer.flush()
            try await producer.shutdown()

            let admin = try KafkaAdmin(configuration: .init(bootstrapServers: cluster.bootstrapServers), logger: testLogger("admin"))
            var total: Int64 = 0
            for partition in 0..<Int32(8) {
                total += try await admin.watermarks(of: KafkaTopicPartition(topic: topic, partition: partition)).count
            }
            #expect(total == Int64(count))
        }
    }

    @Test("a batch send waits for all its deliveries; a group consumes several topics")
    func batchSendAndMultipleTopics() async throws {
        try await withDeadline {
            let cluster = try KafkaMockCluster(logger: testLogger("mock"))
            let topics = [uniqueName("jobs"), uniqueName("retry")]
            for topic in topics {
                try cluster.createTopic(topic, partitions: 6)
            }
            let producer = try KafkaProducer(configuration: producerConfiguration(cluster), logger: testLogger("producer"))
            let records = topics.flatMap { topic in
                (0..<1_000).map { KafkaProducerRecord(topic: topic, key: "key-\($0)", value: Array("value-\($0)".utf8)) }
            }
            try await producer.send(contentsOf: records)
            try await producer.shutdown()

            var configuration = consumerConfiguration(cluster, group: uniqueName("group"))
            configuration.maxBatchSize = 100
            let consumer = try KafkaConsumer(configuration: configuration, topics: topics, logger: testLogger("consumer"))
            let messages = try await consume(records.count, from: consumer)
            try await consumer.shutdown()

            #expect(messages.count == records.count)
            #expect(Set(messages.map(\.topic)) == Set(topics))
            let keys = Set(messages.map { "\($0.topic)/\(String(decoding: $0.key ?? [], as: UTF8.self))" })
            #expect(keys.count == records.count)
        }
    }

    @Test(
        "two members of a group share the topic under either rebalance protocol",
        arguments: [KafkaConsumerConfiguration.AssignmentStrategy.cooperativeSticky, .range])
    func groupOfTwoMembers(strategy: KafkaConsumerConfiguration.AssignmentStrategy) async throws {
        try await withDeadline {
            let cluster = try KafkaMockCluster(logger: testLogger("mock"))
            let topic = uniqueName("shared")
            try cluster.createTopic(topic, partitions: 6)
            let group = uniqueName("group")
            let members = try (0..<2).map { _ in
                var configuration = consumerConfiguration(cluster, group: group)
                configuration.assignmentStrategy = strategy
                return try KafkaConsumer(configuration: configuration, topics: [topic], logger: testLogger("consumer"))
            }
            let total = 6_000
            let collector = KeyCollector()
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                for member in members {
                    tasks.addTask {
                        for try await batch in member.batches {
                            try member.store(batch)
                            if await collector.add(batch.compactMap(\.key)) >= total {
                                break
                            }
                        }
                    }
                }
                let producer = try KafkaProducer(configuration: producerConfiguration(cluster), logger: testLogger("producer"))
                try await producer.send(contentsOf: (0..<total).map { KafkaProducerRecord(topic: topic, key: "k\($0)", value: [1]) })
                try await producer.shutdown()
                // The first member to see the last key stops; the other stops when it shuts down.
                try await tasks.next()
                for member in members {
                    try await member.shutdown()
                }
                try await tasks.waitForAll()
            }
            #expect(await collector.count == total)
        }
    }

    /// 6 MB of JSON into one partition: past the mock brokers' 5 MB per partition uncompressed, so the
    /// oldest records survive only if the batches really are stored compressed.
    @Test(
        "compressed batches come back intact and a partition keeps more of them",
        arguments: [KafkaProducerConfiguration.Compression.lz4, .zstd, .gzip, .snappy])
    func compressedBatches(codec: KafkaProducerConfiguration.Compression) async throws {
        try await withDeadline {
            let (cluster, topic, producer) = try singlePartitionTopic("compressed") { $0.compression = codec }
            let records = (0..<2_000).map { index in
                let status = #"{"id":"wamid.\#(index)","status":"delivered","recipient_id":"1555\#(index)","biz_opaque_callback_data":"job-\#(index)"}"#
                let value = #"{"object":"whatsapp_business_account","statuses":["# + Array(repeating: status, count: 30).joined(separator: ",") + "]}"
                return KafkaProducerRecord(topic: topic, key: "100000000000001", value: Array(value.utf8))
            }
            #expect(records.reduce(0) { $0 + $1.value.count } > 6_000_000)
            try await producer.send(contentsOf: records)
            try await producer.shutdown()

            let consumer = try KafkaConsumer(
                configuration: consumerConfiguration(cluster, group: uniqueName("group")), topics: [topic], logger: testLogger("consumer"))
            // Up to the last record: uncompressed, the oldest are gone and fewer than all arrive.
            var messages: [KafkaConsumerMessage] = []
            for try await batch in consumer.batches {
                messages += batch
                if batch.last?.offset == Int64(records.count - 1) { break }
            }
            try await consumer.shutdown()
            #expect(messages.first?.offset == 0)
            #expect(messages.count == records.count)
            #expect(zip(messages, records).allSatisfy { $0.value == $1.value })
        }
    }

    @Test("a producer refuses sends after shutdown")
    func sendAfterShutdown() async throws {
        let cluster = try KafkaMockCluster(logger: testLogger("mock"))
        let producer = try KafkaProducer(configuration: producerConfiguration(cluster), logger: testLogger("producer"))
        try await producer.shutdown()
        let error = await #expect(throws: KafkaError.self) {
            try await producer.sendAndForget(KafkaProducerRecord(topic: "t", value: [1]))
        }
        #expect(error?.code == .destroyed)
    }

    @Test("a message over the size limit fails at once with MSG_SIZE_TOO_LARGE")
    func messageTooLarge() async throws {
        let cluster = try KafkaMockCluster(logger: testLogger("mock"))
        try cluster.createTopic("large", partitions: 1)
        var configuration = producerConfiguration(cluster)
        configuration.properties["message.max.bytes"] = "1000"
        let producer = try KafkaProducer(configuration: configuration, logger: testLogger("producer"))
        let error = await #expect(throws: KafkaError.self) {
            _ = try await producer.send(KafkaProducerRecord(topic: "large", value: [UInt8](repeating: 0, count: 5_000)))
        }
        #expect(error?.code == .messageSizeTooLarge)
        try await producer.shutdown()
    }

    @Test("a broker's request error reaches the awaiting sender with its code")
    func injectedProduceError() async throws {
        try await withDeadline {
            let (cluster, topic, producer) = try singlePartitionTopic("injected") { $0.idempotent = false }
            // Warm up (metadata, connection) so the error hits the produce request itself.
            _ = try await producer.send(KafkaProducerRecord(topic: topic, value: [0]))
            // Retriable errors are retried by librdkafka and never reach the sender.
            cluster.pushRequestErrors([.notLeaderForPartition, .notLeaderForPartition], for: .produce)
            let report = try await producer.send(KafkaProducerRecord(topic: topic, value: [1]))
            #expect(report.partition == 0)
            // A permanent error fails the message (and librdkafka then fails the topic's next sends at once).
            cluster.pushRequestErrors([.topicAuthorizationFailed], for: .produce)
            let error = await #expect(throws: KafkaError.self) {
                _ = try await producer.send(KafkaProducerRecord(topic: topic, value: [2]))
            }
            #expect(error?.code == .topicAuthorizationFailed)
            #expect(error?.isRetriable == false)
            try await producer.shutdown()
        }
    }
}

/// The distinct keys seen by several consumers.
private actor KeyCollector {
    private var keys = Set<[UInt8]>()

    var count: Int { keys.count }

    /// Adds keys and returns how many distinct ones were seen so far.
    func add(_ newKeys: [[UInt8]]) -> Int {
        keys.formUnion(newKeys)
        return keys.count
    }
}
