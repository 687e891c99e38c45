import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing
import WasendCampaigns
import WasendKafka
import WasendLimits
import WasendRedis
import WasendTenants
import WasendTestSupport

@testable import WasendAPI

/// A real stack for one test: redis-server on a free port, librdkafka's mock cluster, the API on
/// a free loopback port, and two tenants (acme with numbers 1001 and 1002, globex with 3001).
/// Webhooks go through a producer of their own, as `wasend api` wires them.
struct APITestEnvironment: Sendable {
    static let acmeKey = "acme-key-0123456789"
    static let globexKey = "globex-key-9876543210"

    let redisServer: RedisServerProcess
    let redis: RedisClient
    let kafka: KafkaMockCluster
    let producer: KafkaProducer
    let webhookProducer: KafkaProducer
    let api: CampaignAPI

    static func tenants() throws -> TenantDirectory {
        let json = """
            {"tenants": [
              {"id": "acme", "api_keys": [{"env": "ACME_KEY"}], "numbers": [
                {"phone_number_id": "1001", "business_portfolio_id": "2001", "display_number": "+1 555 0100",
                 "access_token": {"env": "ACME_TOKEN"}, "throughput": 80, "tier": "TIER_10K"},
                {"phone_number_id": "1002", "business_portfolio_id": "2001", "display_number": "+1 555 0101",
                 "access_token": {"env": "ACME_TOKEN"}}]},
              {"id": "globex", "api_keys": [{"env": "GLOBEX_KEY"}], "numbers": [
                {"phone_number_id": "3001", "business_portfolio_id": "4001", "display_number": "+44 20 0000",
                 "access_token": {"env": "GLOBEX_TOKEN"}}]}]}
            """
        return try TenantDirectory.decode(
            Data(json.utf8),
            environment: [
                "ACME_KEY": acmeKey, "GLOBEX_KEY": globexKey, "ACME_TOKEN": "EAAG-acme-secret-token",
                "GLOBEX_TOKEN": "EAAG-globex-secret-token",
            ])
    }

    /// Runs `body` against a live server, then tears everything down.
    static func run(
        configuration: APIConfiguration = APIConfiguration(port: 0),
        recipientPartitions: Int = 4,
        _ body: @Sendable (APITestEnvironment, any TestClientProtocol) async throws -> Void
    ) async throws {
        let redisServer = try await RedisServerProcess.start()
        let redis = try RedisClient(configuration: redisServer.configuration)
        let logger = Logger(label: "wasend.api.tests")
        let kafka = try KafkaMockCluster(logger: logger)
        try kafka.createTopic(configuration.campaignsTopic, partitions: 2)
        try kafka.createTopic(configuration.recipientsTopic, partitions: recipientPartitions)
        try kafka.createTopic(configuration.webhooksTopic, partitions: 4)
        let producer = try KafkaProducer(configuration: .init(bootstrapServers: kafka.bootstrapServers), logger: logger)
        let webhookProducer = try KafkaProducer(
            configuration: .webhooks(bootstrapServers: kafka.bootstrapServers, receiver: configuration.webhooks),
            logger: logger)
        var configuration = configuration
        configuration.port = 0
        let api = CampaignAPI(
            configuration: configuration, tenants: try tenants(),
            publisher: KafkaRecordPublisher(producer: producer),
            webhookPublisher: KafkaRecordPublisher(producer: webhookProducer),
            campaignStore: RedisCampaignStore(redis: redis),
            idempotencyStore: RedisIdempotencyStore(redis: redis),
            numberControls: NumberControls(redis: redis),
            logger: logger)
        let environment = APITestEnvironment(
            redisServer: redisServer, redis: redis, kafka: kafka, producer: producer, webhookProducer: webhookProducer,
            api: api)
        let result: Result<Void, any Error>
        do {
            try await api.buildApplication().test(.live) { client in try await body(environment, client) }
            result = .success(())
        } catch {
            result = .failure(error)
        }
        try? await webhookProducer.shutdown()
        try? await producer.shutdown()
        redis.shutDown()
        await redisServer.stop()
        try result.get()
    }

    /// Every record of `topic` produced so far, read with a fresh consumer group.
    func records(of topic: String, expecting count: Int) async throws -> [KafkaConsumerMessage] {
        let consumer = try KafkaConsumer(
            configuration: .testReader(bootstrapServers: kafka.bootstrapServers),
            topics: [topic], logger: Logger(label: "wasend.api.tests.consumer"))
        // Ends the wait when fewer records than expected exist: `nextBatch()` then returns nil.
        let deadline = Task {
            try await Task.sleep(for: .seconds(30))
            try await consumer.shutdown()
        }
        var messages: [KafkaConsumerMessage] = []
        while messages.count < count, let batch = try await consumer.nextBatch() {
            messages += batch
        }
        deadline.cancel()
        try await consumer.shutdown()
        return messages
    }
}

extension TestClientProtocol {
    func request(
        _ method: HTTPRequest.Method, _ uri: String, key: String? = APITestEnvironment.acmeKey,
        headers: HTTPFields = [:], json: String? = nil, body: String? = nil, bytes: [UInt8]? = nil
    ) async throws -> TestResponse {
        var headers = headers
        if let key { headers[.authorization] = "Bearer \(key)" }
        if json != nil { headers[.contentType] = "application/json" }
        let buffer = (json ?? body).map { ByteBuffer(string: $0) } ?? bytes.map { ByteBuffer(bytes: $0) }
        return try await executeRequest(uri: uri, method: method, headers: headers, body: buffer)
    }
}

extension TestResponse {
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
    }

    var error: APIError.Body.Detail? {
        try? JSONDecoder().decode(APIError.Body.self, from: Data(buffer: body)).error
    }
}

/// Every record's value is valid under the topic's JSON Schema in `schemas/`.
func expectSchemaValid(_ messages: [KafkaConsumerMessage], _ schema: String) throws {
    let validator = try JSONSchemaValidator(directory: JSONSchemaValidator.repositorySchemas)
    for message in messages {
        let violations = try validator.violations(of: message.value, against: schema)
        #expect(violations.isEmpty, "\(schema): \(violations)")
    }
}

/// A valid create body; `overrides` replace top-level fields (JSON fragments).
func campaignJSON(_ overrides: [String: String] = [:], recipients: String? = nil) -> String {
    var fields: [String: String] = [
        "name": #""Spring sale""#,
        "from": #""1001""#,
        "category": #""MARKETING""#,
        "template": #"{"name": "spring_sale", "language_code": "en_US", "components": [{"type": "body", "parameters": [{"type": "text", "text": "{{first_name}}"}]}]}"#,
    ]
    for (key, value) in overrides { fields[key] = value }
    if let recipients { fields["recipients"] = recipients }
    let body = fields.filter { $0.value != "<absent>" }.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }
    return "{" + body.joined(separator: ", ") + "}"
}

extension APITestEnvironment {
    /// Records ever produced to `topic` (high minus low watermark, summed over partitions).
    func recordCount(of topic: String) async throws -> Int64 {
        let admin = try KafkaAdmin(
            configuration: KafkaAdminConfiguration(bootstrapServers: kafka.bootstrapServers),
            logger: Logger(label: "wasend.api.tests.admin"))
        var total: Int64 = 0
        for partition in 0..<(try await admin.partitionCount(of: topic)) {
            total += try await admin.watermarks(of: KafkaTopicPartition(topic: topic, partition: Int32(partition))).count
        }
        return total
    }
}


/// For tests that build the API without sending it a request: nothing may be published.
struct UnusedPublisher: RecordPublisher {
    func publish(topic: String, key: String, value: [UInt8]) async throws {
        Issue.record("a test that sends no request published a record")
    }
}
