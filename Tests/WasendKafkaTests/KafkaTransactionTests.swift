import Testing
import WasendKafka

/// The transactional producer's calls for consume-transform-produce, end to end.
///
/// The mock brokers of librdkafka 2.0.2 accept transactions but do not implement their effects
/// on readers (they never report aborted transactions, so read_committed consumers see aborted
/// messages too) nor commit offsets sent to a transaction: those guarantees need a real Kafka.
@Suite("Kafka transactions", .serialized)
struct KafkaTransactionTests {
    @Test("init, begin, send, send offsets, abort and commit work against the brokers")
    func consumeTransformProduce() async throws {
        try await withDeadline(.seconds(90)) {
            let cluster = try KafkaMockCluster(logger: testLogger("mock"))
            let input = uniqueName("recipients")
            let output = uniqueName("jobs")
            try cluster.createTopic(input, partitions: 2)
            try cluster.createTopic(output, partitions: 2)

            let plain = try KafkaProducer(configuration: producerConfiguration(cluster), logger: testLogger("producer"))
            try await plain.send(contentsOf: (0..<10).map { KafkaProducerRecord(topic: input, key: "r\($0)", value: [UInt8($0)]) })
            try await plain.shutdown()

            var configuration = producerConfiguration(cluster)
            configuration.transactionalID = uniqueName("planner")
            let producer = try KafkaProducer(configuration: configuration, logger: testLogger("transactional"))
            try await producer.initTransactions()
            let group = uniqueName("planner")
            var inputConfiguration = consumerConfiguration(cluster, group: group)
            inputConfiguration.autoCommit = false
            let consumer = try KafkaConsumer(configuration: inputConfiguration, topics: [input], logger: testLogger("consumer"))
            let inputs = try await consume(10, from: consumer, store: false)

            // A transaction that fails half-way is aborted: its outputs must never be read.
            try producer.beginTransaction()
            try await producer.send(contentsOf: inputs.map { KafkaProducerRecord(topic: output, key: $0.key, value: Array("aborted".utf8)) })
            try await producer.abortTransaction()

            try producer.beginTransaction()
            try await producer.send(contentsOf: inputs.map { KafkaProducerRecord(topic: output, key: $0.key, value: Array("job".utf8)) })
            try await producer.sendOffsetsToTransaction(for: inputs, consumer: consumer)
            try await producer.commitTransaction()
            try await producer.shutdown()

            let reader = try KafkaConsumer(
                configuration: consumerConfiguration(cluster, group: uniqueName("reader")), topics: [output], logger: testLogger("reader"))
            let outputs = try await consume(20, from: reader)
            try await reader.shutdown()
            let committed = outputs.filter { $0.value == Array("job".utf8) }
            #expect(Set(committed.compactMap(\.key)) == Set(inputs.compactMap(\.key)))
            try await consumer.shutdown()
        }
    }
}
