import Foundation
import Logging
import WasendAggregator
import WasendCampaigns
import WasendCore
import WasendKafka
import WasendLimits
import WasendRedis
import WasendTestSupport

/// A mock Kafka cluster with Wasend's topics, a real redis-server, and helpers to write what the
/// API, the planner and the senders write, and to read what the aggregator produces.
final class AggregatorTestEnvironment: Sendable {
    static let phoneNumberID = "106540352242922"
    static let portfolioID = "102290129340398"

    let cluster: KafkaMockCluster
    let redisServer: RedisServerProcess
    let redis: RedisClient
    let producer: KafkaProducer
    let topics: WasendTopics
    let logger: Logger

    init(partitions: Int = 8) async throws {
        var logger = Logger(label: "wasend.aggregator.tests")
        logger.logLevel = ProcessInfo.processInfo.environment["WASEND_TEST_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .error
        self.logger = logger
        cluster = try KafkaMockCluster(logger: logger)
        topics = WasendTopics(prefix: "t\(UInt32.random(in: 0...UInt32.max)).")
        try cluster.createTopics(topics, partitions: partitions)
        redisServer = try await RedisServerProcess.start()
        redis = try RedisClient(configuration: redisServer.testConfiguration)
        producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers), logger: logger)
    }

    func configuration() -> AggregatorConfiguration {
        var configuration = AggregatorConfiguration()
        configuration.bootstrapServers = cluster.bootstrapServers
        configuration.topics = topics
        configuration.redis = redisServer.configuration
        configuration.groupID = "aggregator-\(UInt32.random(in: 0...UInt32.max))"
        configuration.sweepInterval = .milliseconds(200)
        configuration.kafkaProperties = Self.quickKafka
        return configuration
    }

    /// Quicker group joins and metadata on the mock cluster.
    static let quickKafka = ["topic.metadata.refresh.interval.ms": "1000"]

    struct AggregatorStopped: Error {}

    /// Runs an aggregator in this process until `body` returns; fails as soon as the aggregator fails.
    func withAggregator<T: Sendable>(
        _ configuration: AggregatorConfiguration, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let aggregator = AggregatorService(configuration: configuration, logger: logger)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await aggregator.run()
                return nil
            }
            group.addTask { try await body() }
            let first = try await group.next() ?? nil
            group.cancelAll()
            while try await group.next() != nil {}
            guard let first else { throw AggregatorStopped() }
            return first
        }
    }

    // MARK: What the API, the planner and the senders write

    static func campaign(
        id: String = "cmp_\(UInt32.random(in: 0...UInt32.max))", portfolioID: String = portfolioID,
        state: WasendCore.CampaignState = .running, templateName: String = "order_update"
    ) throws -> CampaignRecord {
        let campaign = Campaign(
            id: id, name: "Spring", phoneNumberID: phoneNumberID, portfolioID: portfolioID, category: .marketing,
            message: .template(
                TemplateSpec(name: templateName, languageCode: "en_US", components: [.body([.text("Hello")])])),
            state: state)
        let created = Timestamp(millisecondsSinceEpoch: 1_700_000_000_000)
        return CampaignRecord(campaign: campaign, tenantID: "acme", version: 1, createdAt: created, updatedAt: created)
    }

    /// Stores and publishes a campaign as the API does, with its planned jobs counted as the
    /// planner and its received recipients as the API count them.
    func create(_ record: CampaignRecord, recipients: Int = 0) async throws {
        try await RedisCampaignStore(redis: redis).insert(record)
        _ = try await producer.send(
            KafkaProducerRecord(topic: topics.campaigns, key: record.id, value: Array(try JSONEncoder().encode(record))))
        if recipients > 0 {
            try await redis.send(
                "HINCRBY", CampaignKeys.campaign(record.id), CampaignKeys.CampaignField.recipientsReceived, recipients)
            try await redis.send("HINCRBY", CampaignKeys.counters(record.id), "planned", recipients)
        }
    }

    /// Senders' results on `wasend.results`, finished in the send ledger first as senders do
    /// (which counts them in the campaign's counters).
    func publishResults(_ outcomes: [SendOutcome]) async throws {
        let ledger = SendLedger(redis: redis)
        for start in stride(from: 0, to: outcomes.count, by: 1_000) {
            try await ledger.finish(Array(outcomes[start..<min(start + 1_000, outcomes.count)]))
        }
        try await producer.send(
            contentsOf: outcomes.map { outcome in
                KafkaProducerRecord(topic: topics.results, key: outcome.jobID.rawValue, value: outcome.jsonBytes())
            })
    }

    /// Verified webhook bodies on `wasend.webhooks`, as the API produces them. Large loads
    /// spread over `keys` keys: the embedded Kafka keeps only about 5 MB per partition.
    func publishWebhooks(_ bodies: [String], key: String = phoneNumberID, keys: Int = 1) async throws {
        let encoder = JSONEncoder()
        let records = try bodies.enumerated().map { index, body in
            KafkaProducerRecord(
                topic: topics.webhooks, key: keys == 1 ? key : "\(key)-\(index % keys)",
                value: Array(try encoder.encode(WebhookRecord(receivedAt: Timestamp(millisecondsSinceEpoch: 1_700_000_000_000), body: body))))
        }
        try await producer.send(contentsOf: records)
    }

    func produceRaw(_ value: [UInt8], topic: String, key: String) async throws {
        _ = try await producer.send(KafkaProducerRecord(topic: topic, key: key, value: value))
    }

    // MARK: What the aggregator produces

    func consumer(_ topics: [String]) throws -> KafkaConsumer {
        var configuration = KafkaConsumerConfiguration.testReader(bootstrapServers: cluster.bootstrapServers)
        configuration.properties = Self.quickKafka
        return try KafkaConsumer(configuration: configuration, topics: topics, logger: logger)
    }

    func counters(campaignID: String) async throws -> [String: Int64] {
        let flat = try await redis.send("HGETALL", CampaignKeys.counters(campaignID)).array ?? []
        var counters: [String: Int64] = [:]
        for index in stride(from: 0, to: flat.count - 1, by: 2) {
            if let name = flat[index].string, let value = flat[index + 1].int { counters[name] = Int64(value) }
        }
        return counters
    }

    func campaignState(_ id: String) async throws -> WasendCore.CampaignState? {
        try await RedisCampaignStore(redis: redis).campaign(id: id)?.record.campaign.state
    }

    func shutdown() async throws {
        try await producer.shutdown()
        redis.shutDown()
        await redisServer.stop()
    }
}

/// The records of a topic read into memory: all of them, and the latest per key (what a
/// compacted topic keeps).
actor LatestRecords {
    private(set) var latest: [String: [UInt8]] = [:]
    private(set) var values: [[UInt8]] = []

    /// Reads until `done` holds; fails after `deadline`.
    func read(
        from consumer: KafkaConsumer, deadline: Duration = .seconds(120),
        until done: @escaping @Sendable (_ latest: [String: [UInt8]], _ count: Int) -> Bool
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.collect(from: consumer, until: done) }
            group.addTask {
                try await Task.sleep(for: deadline)
                throw WasendProcess.Timeout(waitingFor: "records from the aggregator")
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    private func collect(
        from consumer: KafkaConsumer, until done: @Sendable ([String: [UInt8]], Int) -> Bool
    ) async throws {
        while !done(latest, values.count) {
            guard let batch = try await consumer.nextBatch() else { throw CancellationError() }
            for message in batch {
                latest[String(decoding: message.key ?? [], as: UTF8.self)] = message.value
                values.append(message.value)
            }
        }
    }
}

/// A status webhook body as Meta sends it, for one or more statuses of one number.
enum StatusBody {
    struct Status {
        var wamid: String
        var status: String
        var seconds: Int64
        var recipient: String
        var jobID: String?
        var errorCode: Int?
    }

    static func body(_ statuses: [Status], portfolioID: String = AggregatorTestEnvironment.portfolioID) -> String {
        let items = statuses.map { status in
            var fields = [
                #""id":"\#(status.wamid)""#, #""status":"\#(status.status)""#, #""timestamp":"\#(status.seconds)""#,
                #""recipient_id":"\#(status.recipient)""#,
            ]
            if let jobID = status.jobID { fields.append(#""biz_opaque_callback_data":"\#(jobID)""#) }
            if status.status == "delivered" || status.status == "sent" {
                fields.append(#""pricing":{"billable":true,"pricing_model":"PMP","category":"marketing"}"#)
            }
            if let code = status.errorCode {
                fields.append(#""errors":[{"code":\#(code),"title":"error \#(code)"}]"#)
            }
            return "{" + fields.joined(separator: ",") + "}"
        }
        return #"{"object":"whatsapp_business_account","entry":[{"id":"\#(portfolioID)","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"\#(AggregatorTestEnvironment.phoneNumberID)"},"statuses":[\#(items.joined(separator: ","))]}}]}]}"#
    }
}

/// Re-evaluates `condition` every 50 ms until it holds; fails after `timeout`.
func eventually(
    _ what: String, timeout: Duration = .seconds(60), _ condition: @Sendable () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while try await !condition() {
        guard ContinuousClock.now < deadline else { throw WasendProcess.Timeout(waitingFor: what) }
        try await Task.sleep(for: .milliseconds(50))
    }
}
