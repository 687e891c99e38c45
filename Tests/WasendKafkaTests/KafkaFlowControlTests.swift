import Testing
import WasendKafka

/// Pausing and resuming partitions, and a consumer taken from two tasks at once.
@Suite("Kafka consumer flow control", .serialized)
struct KafkaFlowControlTests {
    @Test("a paused partition delivers nothing while the others flow; resumed, it delivers everything")
    func pauseAndResume() async throws {
        try await withDeadline {
            let cluster = try KafkaMockCluster(logger: testLogger("mock"))
            let topic = uniqueName("flow")
            try cluster.createTopic(topic, partitions: 2)
            let producer = try KafkaProducer(configuration: producerConfiguration(cluster), logger: testLogger("producer"))
            let consumer = try KafkaConsumer(
                configuration: consumerConfiguration(cluster, group: uniqueName("group")), topics: [topic],
                logger: testLogger("consumer"))
            // One message per partition, read back: the consumer owns both partitions from here.
            try await producer.send(contentsOf: (0..<2).map { KafkaProducerRecord(topic: topic, partition: Int32($0), value: [0]) })
            _ = try await consume(2, from: consumer)

            let held = KafkaTopicPartition(topic: topic, partition: 0)
            try consumer.pause([held])
            // The paused partition's messages are written first: unpaused, they would come first.
            try await producer.send(contentsOf: (1...100).map { KafkaProducerRecord(topic: topic, partition: 0, value: [UInt8($0)]) })
            try await producer.send(contentsOf: (1...100).map { KafkaProducerRecord(topic: topic, partition: 1, value: [UInt8($0)]) })
            let flowing = try await consume(100, from: consumer)
            #expect(flowing.filter { $0.partition == 0 }.isEmpty, "the paused partition delivered messages")
            #expect(Set(flowing.filter { $0.partition == 1 }.map(\.offset)) == Set(1...100))

            try consumer.resume([held])
            let resumed = try await consume(100, from: consumer)
            #expect(resumed.allSatisfy { $0.partition == 0 })
            #expect(resumed.map(\.offset) == Array(1...100))
            // Unknown partitions are not an error: a revoked partition may be resumed late.
            try consumer.resume([KafkaTopicPartition(topic: topic, partition: 7)])

            try await consumer.shutdown()
            try await producer.shutdown()
        }
    }

    @Test("a paused partition stays paused through a rebalance that revokes and assigns it again")
    func pauseOutlivesRebalance() async throws {
        try await withDeadline {
            let cluster = try KafkaMockCluster(logger: testLogger("mock"))
            let topic = uniqueName("flow")
            let other = uniqueName("other")
            try cluster.createTopic(topic, partitions: 2)
            try cluster.createTopic(other, partitions: 1)
            let producer = try KafkaProducer(configuration: producerConfiguration(cluster), logger: testLogger("producer"))
            let group = uniqueName("group")
            let consumer = try KafkaConsumer(
                configuration: consumerConfiguration(cluster, group: group), topics: [topic], logger: testLogger("consumer"))
            try await producer.send(contentsOf: (0..<2).map { KafkaProducerRecord(topic: topic, partition: Int32($0), value: [0]) })
            _ = try await consume(2, from: consumer)
            try await consumer.commit()
            let held = KafkaTopicPartition(topic: topic, partition: 0)
            try consumer.pause([held])

            // A member of the same group on another topic: its join makes the group rebalance,
            // and under the eager protocol the first member gives up both partitions and gets
            // them back. The newcomer's first message proves the rebalance happened.
            _ = try await producer.send(KafkaProducerRecord(topic: other, partition: 0, value: [0]))
            let newcomer = try KafkaConsumer(
                configuration: consumerConfiguration(cluster, group: group), topics: [other], logger: testLogger("newcomer"))
            _ = try await consume(1, from: newcomer)

            try await producer.send(contentsOf: (1...100).map { KafkaProducerRecord(topic: topic, partition: 0, value: [UInt8($0)]) })
            try await producer.send(contentsOf: (1...100).map { KafkaProducerRecord(topic: topic, partition: 1, value: [UInt8($0)]) })
            let flowing = try await consume(100, from: consumer)
            #expect(flowing.filter { $0.partition == 0 }.isEmpty, "the paused partition delivered messages after the rebalance")

            try consumer.resume([held])
            let resumed = try await consume(100, from: consumer)
            #expect(resumed.map(\.offset) == Array(1...100))
            try await newcomer.shutdown()
            try await consumer.shutdown()
            try await producer.shutdown()
        }
    }

    @Test("a second task waiting for batches gets a state error; the first keeps waiting and gets the batch")
    func twoWaitingTasks() async throws {
        try await withDeadline {
            let cluster = try KafkaMockCluster(logger: testLogger("mock"))
            let topic = uniqueName("two-waiters")
            try cluster.createTopic(topic, partitions: 1)
            let consumer = try KafkaConsumer(
                configuration: consumerConfiguration(cluster, group: uniqueName("group")), topics: [topic],
                logger: testLogger("consumer"))
            enum Outcome: Sendable {
                case batch([KafkaConsumerMessage]?)
                case refused(KafkaError)
            }
            let outcomes = try await withThrowingTaskGroup(of: Outcome.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        do {
                            return .batch(try await consumer.nextBatch())
                        } catch let error as KafkaError {
                            return .refused(error)
                        }
                    }
                }
                // Whichever task waited second is refused at once; the other waits for a message.
                var outcomes = [try await group.next()]
                let producer = try KafkaProducer(configuration: producerConfiguration(cluster), logger: testLogger("producer"))
                _ = try await producer.send(KafkaProducerRecord(topic: topic, value: Array("late".utf8)))
                try await producer.shutdown()
                outcomes.append(try await group.next())
                return outcomes
            }
            guard case .refused(let error) = outcomes[0] else {
                Issue.record("the first task to finish was not refused: \(String(describing: outcomes[0]))")
                return
            }
            #expect(error.code == .state)
            guard case .batch(let batch) = outcomes[1] else {
                Issue.record("the waiting task did not get the batch: \(String(describing: outcomes[1]))")
                return
            }
            #expect(batch?.first?.value == Array("late".utf8))
            try await consumer.shutdown()
        }
    }
}
