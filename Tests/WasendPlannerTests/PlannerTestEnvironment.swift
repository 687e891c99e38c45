import Foundation
import Logging
import WasendAPI
import WasendCampaigns
import WasendCore
import WasendKafka
import WasendPlanner
import WasendRedis
import WasendTestSupport

/// A mock Kafka cluster with Wasend's topics, a real redis-server, and helpers to write what
/// the API writes and read what the planner produces.
final class PlannerTestEnvironment: Sendable {
    static let phoneNumberID = "106540352242922"
    static let portfolioID = "102290129340398"

    let cluster: KafkaMockCluster
    let redisServer: RedisServerProcess
    let redis: RedisClient
    let producer: KafkaProducer
    let topics: WasendTopics
    let logger: Logger

    init(
        jobPartitions: Int = 16, recipientPartitions: Int = 4,
        redisPersistence: RedisServerProcess.Options.Persistence = .none
    ) async throws {
        var logger = Logger(label: "wasend.planner.tests")
        logger.logLevel = ProcessInfo.processInfo.environment["WASEND_TEST_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .error
        self.logger = logger
        cluster = try KafkaMockCluster(logger: logger)
        topics = WasendTopics(prefix: "t\(UInt32.random(in: 0...UInt32.max)).")
        for topic in topics.all {
            let partitions =
                switch topic {
                case topics.jobs, topics.results: jobPartitions
                case topics.recipients: recipientPartitions
                default: 4
                }
            try cluster.createTopic(topic, partitions: partitions)
        }
        redisServer = try await RedisServerProcess.start(options: .init(persistence: redisPersistence))
        redis = try RedisClient(configuration: redisServer.testConfiguration)
        producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers), logger: logger)
    }

    func plannerConfiguration(maxBacklog: Int64 = 50_000) -> PlannerConfiguration {
        var configuration = PlannerConfiguration()
        configuration.bootstrapServers = cluster.bootstrapServers
        configuration.topics = topics
        configuration.redis = redisServer.configuration
        configuration.groupID = "planner-\(UInt32.random(in: 0...UInt32.max))"
        configuration.transactionalID = configuration.groupID + "-0"
        configuration.maxBacklogPerCampaign = maxBacklog
        configuration.recheckInterval = .milliseconds(50)
        configuration.kafkaProperties = Self.quickKafka
        return configuration
    }

    /// Quicker group joins and metadata on the mock cluster.
    static let quickKafka = ["topic.metadata.refresh.interval.ms": "1000"]

    struct PlannerStopped: Error {}

    /// Runs a planner in this process until `body` returns; fails as soon as the planner fails.
    func withPlanner<T: Sendable>(
        _ configuration: PlannerConfiguration, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let planner = PlannerService(configuration: configuration, logger: logger)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await planner.run()
                return nil
            }
            group.addTask { try await body() }
            let first = try await group.next() ?? nil
            group.cancelAll()
            while try await group.next() != nil {}
            guard let first else { throw PlannerStopped() }
            return first
        }
    }

    // MARK: What the API writes

    static func campaign(
        id: String = "cmp_\(UInt32.random(in: 0...UInt32.max))", state: WasendCore.CampaignState = .running,
        version: Int = 1, startAt: Timestamp? = nil, text: String? = nil
    ) throws -> CampaignRecord {
        let message: MessageSpec =
            if let text {
                .text(TextSpec(body: try TextPattern(parsing: text)))
            } else {
                .template(
                    TemplateSpec(
                        name: "order_update", languageCode: "en_US",
                        components: [
                            .body([.text(try TextPattern(parsing: "Hello {{name}}")), .text("fixed")]),
                            .button(.quickReply, index: 0, [.payload(try TextPattern(parsing: "stop-{{name}}"))]),
                        ]))
            }
        let campaign = Campaign(
            id: id, name: "Spring", phoneNumberID: phoneNumberID, portfolioID: portfolioID, category: .marketing,
            message: message, schedule: CampaignSchedule(startAt: startAt), state: state)
        let created = Timestamp(millisecondsSinceEpoch: 1_700_000_000_000)
        return CampaignRecord(campaign: campaign, tenantID: "acme", version: version, createdAt: created, updatedAt: created)
    }

    func publish(_ campaign: CampaignRecord) async throws {
        _ = try await producer.send(
            KafkaProducerRecord(topic: topics.campaigns, key: campaign.id, value: Array(try JSONEncoder().encode(campaign))))
    }

    /// Writes `recipients` as one committed upload, in batches of `batchSize`.
    func upload(
        _ recipients: [Recipient], campaignID: String, batchSize: Int = 1_000, commit: Bool = true
    ) async throws {
        let uploadID = "upl_\(UInt32.random(in: 0...UInt32.max))"
        var records: [KafkaProducerRecord] = []
        var sequence = 0
        for start in stride(from: 0, to: recipients.count, by: batchSize) {
            let batch = RecipientStreamRecord.batch(
                .init(
                    campaignID: campaignID, uploadID: uploadID, sequence: sequence,
                    recipients: Array(recipients[start..<min(start + batchSize, recipients.count)])))
            records.append(KafkaProducerRecord(topic: topics.recipients, key: batch.key, value: batch.jsonBytes()))
            sequence += 1
            if records.count == 50 {
                try await producer.send(contentsOf: records)
                records.removeAll()
            }
        }
        if commit {
            let marker = RecipientStreamRecord.commit(
                .init(campaignID: campaignID, uploadID: uploadID, batches: sequence, recipients: recipients.count))
            records.append(KafkaProducerRecord(topic: topics.recipients, key: marker.key, value: marker.jsonBytes()))
        }
        try await producer.send(contentsOf: records)
    }

    func produceRaw(_ value: [UInt8], topic: String, key: String) async throws {
        _ = try await producer.send(KafkaProducerRecord(topic: topic, key: key, value: value))
    }

    // MARK: What the planner produces

    /// A read-committed consumer of `topics`, as the senders and the aggregator read them.
    func consumer(_ topics: [String]) throws -> KafkaConsumer {
        var configuration = KafkaConsumerConfiguration.testReader(bootstrapServers: cluster.bootstrapServers)
        configuration.properties = Self.quickKafka.merging(["isolation.level": "read_committed"]) { $1 }
        return try KafkaConsumer(configuration: configuration, topics: topics, logger: logger)
    }

    /// Publishes a running campaign and uploads `count` valid, opted-in recipients to it in batches
    /// of 500; returns the campaign's id.
    func publishCampaign(recipients count: Int) async throws -> String {
        let campaign = try Self.campaign()
        let recipients = (0..<count).map {
            Recipient(phone: "+4915\(String(100_000_000 + $0))", variables: ["name": "x"], optedIn: true)
        }
        try await publish(campaign)
        try await upload(recipients, campaignID: campaign.id, batchSize: 500)
        return campaign.id
    }

    func counters(campaignID: String) async throws -> [String: Int64] {
        let flat = try await redis.send("HGETALL", PlannerKeys.counters(campaignID: campaignID)).array ?? []
        var counters: [String: Int64] = [:]
        for index in stride(from: 0, to: flat.count - 1, by: 2) {
            if let name = flat[index].string, let value = flat[index + 1].int { counters[name] = Int64(value) }
        }
        return counters
    }

    func shutdown() async throws {
        try await producer.shutdown()
        redis.shutDown()
        await redisServer.kill()
    }
}

/// Reads a consumer into memory until `done` says enough; fails after `deadline`.
actor TopicReader {
    private(set) var messages: [KafkaConsumerMessage] = []
    private var seen = Set<String>()

    func read(
        from consumer: KafkaConsumer, deadline: Duration = .seconds(120),
        until done: @escaping @Sendable ([KafkaConsumerMessage]) -> Bool
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.collect(from: consumer, until: done) }
            group.addTask {
                try await Task.sleep(for: deadline)
                throw WasendProcess.Timeout(waitingFor: "records from the planner")
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    /// Keeps reading for `duration`, to see records that should not come.
    func drain(_ consumer: KafkaConsumer, for duration: Duration) async throws {
        do {
            try await read(from: consumer, deadline: duration) { _ in false }
        } catch is WasendProcess.Timeout {
            return
        }
    }

    private func collect(
        from consumer: KafkaConsumer, until done: @Sendable ([KafkaConsumerMessage]) -> Bool
    ) async throws {
        while !done(messages) {
            guard let batch = try await consumer.nextBatch() else { throw CancellationError() }
            for message in batch where seen.insert("\(message.topic)/\(message.partition)/\(message.offset)").inserted {
                messages.append(message)
            }
        }
    }
}

/// Runs `body`, or fails once `duration` has passed: a test that would hang fails instead.
func withDeadline<T: Sendable>(
    _ duration: Duration, waitingFor what: String, _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: duration)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else {
            throw WasendProcess.Timeout(waitingFor: what)
        }
        return value
    }
}
