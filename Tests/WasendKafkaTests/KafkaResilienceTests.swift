import Foundation
import Synchronization
import Testing
import WasendKafka
import WasendTestSupport

/// At-least-once under failures: consumers in separate processes (`wasend kafka-dev consume`),
/// a consumer killed mid-stream, a broker going down mid-production.
@Suite("Kafka resilience", .serialized)
struct KafkaResilienceTests {
    @Test("100,000 messages consumed by a group of two processes: all processed, all committed")
    func groupOfTwoProcesses() async throws {
        try await withDeadline(.seconds(120)) {
            let prefix = uniqueName("wasend") + "."
            let cluster = try WasendProcess(["kafka-dev", "--partitions", "16", "--topic-prefix", prefix])
            let bootstrap = String(try await cluster.firstLine { $0.hasPrefix("bootstrap=") }.dropFirst("bootstrap=".count))
            let topic = WasendTopics(prefix: prefix).jobs
            let group = uniqueName("senders")
            let consumers = try (0..<2).map { _ in try Self.startConsumer(bootstrap: bootstrap, group: group, topic: topic) }

            let producer = try KafkaProducer(
                configuration: KafkaProducerConfiguration(bootstrapServers: bootstrap), logger: testLogger("producer"))
            let total = 100_000
            var produced = 0
            while produced < total {
                let chunk = min(1_000, total - produced)
                try await producer.send(
                    contentsOf: (produced..<produced + chunk).map { KafkaProducerRecord(topic: topic, key: "job-\($0)", value: Array("payload \($0)".utf8)) })
                produced += chunk
                // Pace production until both members have partitions, so that the group really shares the work.
                if consumers.contains(where: { $0.lines.isEmpty }) {
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
            try await producer.shutdown()

            let expected = Set((0..<total).map { "job-\($0)" })
            let seen = try await poll(until: "every key printed by the group", timeout: .seconds(60)) { () -> Set<String>? in
                let keys = Set(consumers.flatMap { $0.lines.compactMap(Self.key(ofLine:)) })
                return keys.isSuperset(of: expected) ? keys : nil
            }
            #expect(seen.count == total)
            #expect(consumers.allSatisfy { !$0.lines.isEmpty }, "both members processed messages")

            // The mock brokers refuse commits while the group rebalances, as a member leaving makes
            // it do: what the leaver processed meanwhile is redelivered to the member that stays
            // (at-least-once), which then commits it. So: one leaves, the other catches up, then leaves.
            let admin = try KafkaAdmin(configuration: .init(bootstrapServers: bootstrap), logger: testLogger("admin"))
            consumers[0].signal(SIGTERM)
            #expect(try await consumers[0].waitForExit() == 0)
            let deadline = ContinuousClock.now + .seconds(60)
            while try await admin.lag(ofGroup: group, topics: [topic]).total > 0, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(200))
            }
            consumers[1].signal(SIGTERM)
            #expect(try await consumers[1].waitForExit() == 0)
            let lag = try await admin.lag(ofGroup: group, topics: [topic])
            #expect(lag.partitions.count == 16)
            #expect(lag.total == 0, "offsets committed for every processed message")
            cluster.signal(SIGTERM)
            #expect(try await cluster.waitForExit() == 0)
        }
    }

    @Test("a consumer killed with SIGKILL mid-stream and restarted skips nothing")
    func killedConsumerLosesNothing() async throws {
        try await withDeadline(.seconds(120)) {
            let cluster = try KafkaMockCluster(logger: testLogger("mock"))
            let topic = uniqueName("jobs")
            try cluster.createTopic(topic, partitions: 8)
            let producer = try KafkaProducer(configuration: producerConfiguration(cluster), logger: testLogger("producer"))
            let total = 30_000
            let record = { (index: Int) in KafkaProducerRecord(topic: topic, key: "job-\(index)", value: Array(repeating: 7, count: 100)) }
            // The first consumer sees only part of the stream before it is killed, however fast it is.
            try await producer.send(contentsOf: (0..<5_000).map(record))

            let group = uniqueName("senders")
            // Small batches, so that the first consumer is killed with work in flight.
            let first = try Self.startConsumer(bootstrap: cluster.bootstrapServers, group: group, topic: topic, maxBatchSize: 50)
            _ = try await poll(until: "the first consumer to process 2,000 messages") { first.lines.count >= 2_000 ? true : nil }
            first.signal(SIGKILL)
            try await first.waitForExit()
            try await producer.send(contentsOf: (5_000..<total).map(record))
            try await producer.shutdown()
            let printedBeforeKill = first.lines.count
            #expect(printedBeforeKill < total, "killed mid-stream")

            let second = try Self.startConsumer(bootstrap: cluster.bootstrapServers, group: group, topic: topic)
            let expected = Set((0..<total).map { "job-\($0)" })
            let seen = try await poll(until: "every key printed by the two consumers", timeout: .seconds(90)) { () -> Set<String>? in
                let keys = Set((first.lines + second.lines).compactMap(Self.key(ofLine:)))
                return keys.isSuperset(of: expected) ? keys : nil
            }
            #expect(seen.count == total)
            second.signal(SIGTERM)
            #expect(try await second.waitForExit() == 0)
        }
    }

    @Test("a broker of three taken down during production loses nothing once it is back")
    func brokerDownDuringProduction() async throws {
        try await withDeadline(.seconds(120)) {
            let cluster = try KafkaMockCluster(brokers: 3, logger: testLogger("mock"))
            let topic = uniqueName("results")
            try cluster.createTopic(topic, partitions: 12, replicationFactor: 3)
            var configuration = producerConfiguration(cluster)
            // The mock broker that goes down leaves requests unanswered: time them out sooner than the 60 s default.
            configuration.properties["socket.timeout.ms"] = "3000"
            let producer = try KafkaProducer(configuration: configuration, logger: testLogger("producer"))
            let total = 20_000
            let records = (0..<total).map { KafkaProducerRecord(topic: topic, key: "result-\($0)", value: Array(repeating: 1, count: 100)) }

            try await producer.send(contentsOf: records[..<5_000])
            try cluster.setBrokerDown(2)
            // Messages for the partitions led by broker 2 wait in librdkafka's queue meanwhile.
            let delivered = Task { try await producer.send(contentsOf: records[5_000...]) }
            try await Task.sleep(for: .seconds(2))
            try cluster.setBrokerUp(2)
            try await delivered.value
            try await producer.shutdown()

            let consumer = try KafkaConsumer(
                configuration: consumerConfiguration(cluster, group: uniqueName("aggregator")), topics: [topic],
                logger: testLogger("consumer"))
            let messages = try await consume(total, from: consumer)
            try await consumer.shutdown()
            let keys = Set(messages.compactMap { $0.key.map { String(decoding: $0, as: UTF8.self) } })
            #expect(keys == Set(records.map { String(decoding: $0.key ?? [], as: UTF8.self) }))
            #expect(messages.count == total, "the idempotent producer wrote no duplicates")
        }
    }

    /// The API's webhook path: many single sends, each awaited, a short delivery timeout and a
    /// retry of whatever failed; the partition's leader down for 8 s, then produce requests
    /// refused. Every send the producer reported delivered must be on the topic.
    ///
    /// One produce request in flight, as in the fault suite (see `FaultTestPipeline`): the mock
    /// brokers check the idempotent producer's sequences only for transactional producers. With
    /// five in flight this test failed about once in 25 runs here, and librdkafka's `msg` debug
    /// log showed why: the request of BaseSeq 224 refused NOT_LEADER, the next one (BaseSeq 225)
    /// taken, and the refused record "implicitly acked by subsequent batch success", reported
    /// delivered at offset -1001 and never stored. Kafka would refuse BaseSeq 225 with
    /// OUT_OF_ORDER_SEQUENCE_NUMBER and the record would be retried.
    @Test("every record acknowledged through a broker outage and request errors is on the topic")
    func acknowledgedRecordsSurviveABrokerOutage() async throws {
        try await withDeadline(.seconds(180)) {
            let cluster = try KafkaMockCluster(brokers: 3, logger: testLogger("mock"))
            let topic = uniqueName("webhooks")
            try cluster.createTopic(topic, partitions: 1, replicationFactor: 3)
            // The broker that goes down leads the partition.
            try cluster.setPartitionLeader(topic: topic, partition: 0, to: 2)
            var configuration = producerConfiguration(cluster)
            configuration.lingerMilliseconds = 2
            configuration.deliveryTimeoutMilliseconds = 5_000
            configuration.properties["max.in.flight.requests.per.connection"] = "1"
            let producer = try KafkaProducer(configuration: configuration, logger: testLogger("producer"))
            let started = ContinuousClock.now
            let sent = try await withThrowingTaskGroup(of: [String: KafkaDeliveryReport].self) { group in
                for sender in 0..<32 {
                    group.addTask {
                        var acknowledged: [String: KafkaDeliveryReport] = [:]
                        var index = 0
                        while ContinuousClock.now - started < .seconds(20) {
                            let id = "\(sender)-\(index)"
                            index += 1
                            let value = Array("{\"id\":\"\(id)\",\"pad\":\"\(String(repeating: "x", count: 1_500))\"}".utf8)
                            while true {
                                let record = KafkaProducerRecord(topic: topic, key: "100000000000001", value: value)
                                if let report = try? await producer.send(record) {
                                    acknowledged[id] = report
                                    break
                                }
                                try await Task.sleep(for: .milliseconds(200))
                            }
                            try await Task.sleep(for: .milliseconds(100))
                        }
                        return acknowledged
                    }
                }
                try await Task.sleep(for: .seconds(3))
                try cluster.setBrokerDown(2)
                try await Task.sleep(for: .seconds(8))
                try cluster.setBrokerUp(2)
                // Slow answers, so that several produce requests are in flight when one is refused.
                try cluster.setRoundTripTime(milliseconds: 50)
                for _ in 0..<5 {
                    try await Task.sleep(for: .seconds(1))
                    cluster.pushRequestErrors([.notLeaderForPartition], for: .produce)
                }
                var all: [String: KafkaDeliveryReport] = [:]
                for try await part in group { all.merge(part) { first, _ in first } }
                return all
            }
            try await producer.shutdown()

            let consumer = try KafkaConsumer(
                configuration: consumerConfiguration(cluster, group: uniqueName("reader")), topics: [topic],
                logger: testLogger("consumer"))
            let reader = RecordReader()
            let growth = Mutex((count: 0, at: ContinuousClock.now))
            try await reader.read(from: consumer, timeout: .seconds(60)) { messages in
                growth.withLock { growth in
                    if messages.count != growth.count { growth = (messages.count, .now) }
                    return messages.count >= sent.count || (messages.count > 0 && ContinuousClock.now - growth.at >= .seconds(5))
                }
            }
            var stored: Set<String> = []
            for message in await reader.messages {
                let text = String(decoding: message.value.prefix(40), as: UTF8.self)
                if let id = text.split(separator: "\"").dropFirst(3).first { stored.insert(String(id)) }
            }
            try await consumer.shutdown()
            let missing = Set(sent.keys).subtracting(stored)
            print("broker outage: \(sent.count) acknowledged, \(stored.count) stored, missing \(missing.map { "\($0) at \(sent[$0].map { "\($0.partition)@\($0.offset)" } ?? "?")" })")
            #expect(missing.isEmpty)
        }
    }

    private static func startConsumer(bootstrap: String, group: String, topic: String, maxBatchSize: Int = 1_000) throws -> WasendProcess {
        try WasendProcess([
            "kafka-dev", "consume", "--bootstrap-servers", bootstrap, "--group", group, "--topic", topic,
            "--max-batch-size", String(maxBatchSize),
            // A killed member's partitions move on after this long.
            "--kafka-property", "session.timeout.ms=3000", "--kafka-property", "heartbeat.interval.ms=500",
        ])
    }

    /// The key of a `topic partition offset key` line.
    private static func key(ofLine line: String) -> String? {
        line.split(separator: " ").last.map(String.init)
    }
}
