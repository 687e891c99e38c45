import Foundation
import Logging
import ServiceLifecycle
import WasendCampaigns
import WasendCore
import WasendHTTP
import WasendKafka
import WasendRedis
import WasendSimulator
import WasendTestSupport

/// What a sender integration test runs against: a real `redis-server`, librdkafka's mock cluster
/// (in this process, reachable by the `wasend sender` processes the test starts), the Cloud API
/// simulator (in this process, or a process of its own) and a tenants file naming the simulator's number.
final class SenderTestEnvironment: Sendable {
    static let phoneNumberID = "100000000000001"
    static let portfolioID = "300000000000001"
    static let token = "sender-test-token"

    let redisServer: RedisServerProcess
    let redis: RedisClient
    let cluster: KafkaMockCluster
    let topics: WasendTopics
    let producer: KafkaProducer
    let simulatorURL: String
    let http: HTTPClient
    let directory: URL
    private let simulator: RunningSimulator

    /// Where the simulator runs.
    enum SimulatorPlacement {
        /// In the test process, with every behaviour setting at hand.
        case inProcess
        /// `wasend sim` in the real-time class (where the test may set it): a test that counts
        /// sends per second reads them off a simulator that this process's own load (the mock
        /// cluster, the tests running beside it) cannot starve into counting a backlog at once.
        case realtimeProcess
    }

    private enum RunningSimulator: Sendable {
        case inProcess(ServiceGroup, Task<Void, any Error>)
        case process(WasendProcess)
    }

    /// - Parameters:
    ///   - throughput: the number's messages per second, for the sender (tenants file) and the simulator alike.
    ///   - tier: the tier name in the tenants file (`TIER_250`, `TIER_2K`, `TIER_10K`, `TIER_100K`, `TIER_UNLIMITED`).
    ///   - webhookURL: where the simulator posts its status webhooks, if anywhere.
    ///   - placement: where the simulator runs; a simulator process takes the default behaviour
    ///     with this environment's delays, and posts no webhooks.
    init(
        throughput: Int = 80, tier: String = "TIER_100K", partitions: Int = 8, webhookURL: String? = nil,
        simulator placement: SimulatorPlacement = .inProcess, behaviour: (inout SimulatorBehaviour) -> Void = { _ in }
    ) async throws {
        redisServer = try await RedisServerProcess.start()
        redis = try RedisClient(configuration: redisServer.testConfiguration)
        cluster = try KafkaMockCluster()
        topics = WasendTopics(prefix: "t\(UInt32.random(in: 0...UInt32.max)).")
        try cluster.createTopics(topics, partitions: partitions)
        producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers), logger: Self.logger)
        http = try HTTPClient(configuration: .init(protocolVersion: .http1, requestTimeout: .seconds(30)), logger: Self.logger)

        directory = FileManager.default.temporaryDirectory.appendingPathComponent("wasend-sender-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)

        switch placement {
        case .inProcess:
            (simulator, simulatorURL) = try await Self.startSimulator(
                throughput: throughput, webhookURL: webhookURL, behaviour: behaviour)
        case .realtimeProcess:
            precondition(webhookURL == nil, "a simulator process of the sender tests posts no webhooks")
            let process = try WasendProcess(
                [
                    "sim", "--port", "0", "--token", Self.token, "--phone-number", Self.phoneNumberID,
                    "--portfolio-id", Self.portfolioID, "--messages-per-second", "\(throughput)",
                    "--messaging-tier", "unlimited", "--duplicate-fraction", "0", "--sent-delay-ms", "\(Self.sentDelayMilliseconds)",
                    "--delivered-delay-ms", "\(Self.deliveredDelayMilliseconds)", "--read-fraction", "0", "--seed", "7",
                    "--log-level", "warning",
                ], realtime: true)
            simulatorURL = try await process.simulatorURL()
            simulator = .process(process)
        }

        let tokenFile = directory.appendingPathComponent("token")
        try Data(Self.token.utf8).write(to: tokenFile)
        try writeTenants(throughput: throughput, tier: tier, tokenFile: tokenFile.path)
    }

    struct SimulatorDidNotStart: Error {}

    private static let sentDelayMilliseconds = 20
    private static let deliveredDelayMilliseconds = 50

    private static func startSimulator(
        throughput: Int, webhookURL: String?, behaviour: (inout SimulatorBehaviour) -> Void
    ) async throws -> (RunningSimulator, url: String) {
        var configuration = SimulatorConfiguration(
            port: 0, accessTokens: [Self.token],
            phoneNumbers: [SimulatedPhoneNumber(id: Self.phoneNumberID, portfolioID: Self.portfolioID)], randomSeed: 7)
        configuration.behaviour.defaultMessagesPerSecond = Double(throughput)
        configuration.behaviour.messagingTier = .unlimited
        configuration.behaviour.duplicateFraction = 0
        configuration.behaviour.sentDelay = .milliseconds(sentDelayMilliseconds)
        configuration.behaviour.deliveredDelay = .milliseconds(deliveredDelayMilliseconds)
        configuration.behaviour.readFraction = 0
        behaviour(&configuration.behaviour)
        configuration.webhook.url = webhookURL
        configuration.webhook.retryInitialBackoff = .milliseconds(50)
        configuration.webhook.retryMaximumBackoff = .seconds(1)
        configuration.webhook.maximumAttempts = 50
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let service = SimulatorService(configuration: configuration, logger: Self.logger) { port in
            portContinuation.yield(port)
            portContinuation.finish()
        }
        let group = ServiceGroup(configuration: .init(services: [service], gracefulShutdownSignals: [], logger: Self.logger))
        let task = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw SimulatorDidNotStart() }
        return (.inProcess(group, task), "http://127.0.0.1:\(port)")
    }

    static let logger: Logger = {
        var logger = Logger(label: "wasend.test.sender")
        logger.logLevel = .warning
        return logger
    }()

    var tenantsFile: String { directory.appendingPathComponent("tenants.json").path }

    /// Rewrites the tenants file (a sender reads it when it starts), e.g. with a wrong token.
    func writeTenants(throughput: Int, tier: String, tokenFile: String) throws {
        let tenants = """
            {"tenants": [{"id": "acme", "api_keys": [{"file": "\(tokenFile)"}], "numbers": [{"phone_number_id": "\(Self.phoneNumberID)",
              "business_portfolio_id": "\(Self.portfolioID)", "display_number": "+1 555 0100",
              "access_token": {"file": "\(tokenFile)"}, "throughput": \(throughput), "tier": "\(tier)"}]}]}
            """
        try Data(tenants.utf8).write(to: URL(fileURLWithPath: tenantsFile))
    }

    /// `wasend sender` arguments against this environment.
    func senderArguments(_ extra: [String] = []) -> [String] {
        [
            "sender", "--metrics-port", "0", "--tenants", tenantsFile, "--bootstrap-servers", cluster.bootstrapServers, "--redis-url",
            redisServer.url, "--topic-prefix", topics.prefix, "--graph-url", simulatorURL, "--log-level", "notice",
        ] + extra
    }

    /// A running campaign in Redis, as the API stores it.
    func createCampaign(id: String = "cmp_\(UInt32.random(in: 0...UInt32.max))") async throws -> CampaignRecord {
        let campaign = Campaign(
            id: id, name: "Spring", phoneNumberID: Self.phoneNumberID, portfolioID: Self.portfolioID, category: .utility,
            message: .template(TemplateSpec(name: "hello_world", languageCode: "en_US", components: [])),
            schedule: CampaignSchedule(startAt: nil), state: .running)
        let now = Timestamp(millisecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1000))
        let record = CampaignRecord(campaign: campaign, tenantID: "acme", version: 1, createdAt: now, updatedAt: now)
        try await RedisCampaignStore(redis: redis).insert(record)
        return record
    }

    /// The jobs the planner would make for `count` distinct recipients, on `wasend.jobs`.
    @discardableResult
    func produceJobs(
        _ count: Int, campaignID: String, firstRecipient: Int = 0, template: String = "hello_world"
    ) async throws -> [SendJob] {
        var jobs: [SendJob] = []
        var records: [KafkaProducerRecord] = []
        for index in firstRecipient..<(firstRecipient + count) {
            let recipient = try PhoneNumber(e164Digits: "49151" + String(10_000_000 + index))
            let job = SendJob(
                jobID: JobID(campaignID: campaignID, recipient: recipient), campaignID: campaignID,
                phoneNumberID: Self.phoneNumberID, portfolioID: Self.portfolioID, recipient: recipient, category: .utility,
                message: .template(TemplateMessage(name: template, languageCode: "en_US", components: [])))
            jobs.append(job)
            records.append(KafkaProducerRecord(topic: topics.jobs, key: recipient.digits, value: job.jsonBytes()))
        }
        for chunk in stride(from: 0, to: records.count, by: 5_000) {
            try await producer.send(contentsOf: records[chunk..<min(chunk + 5_000, records.count)])
        }
        return jobs
    }

    var simulatorControl: SimulatorControl { SimulatorControl(baseURL: simulatorURL, http: http) }

    func simulatorReport(includingJobs: Bool = false) async throws -> SimulatorReport {
        try await simulatorControl.report(includingJobs: includingJobs)
    }

    /// A consumer of `topic` from its start, in a group of its own.
    func consumer(_ topics: [String]) throws -> KafkaConsumer {
        try KafkaConsumer(
            configuration: .testReader(bootstrapServers: cluster.bootstrapServers), topics: topics, logger: Self.logger)
    }

    func shutdown() async {
        switch simulator {
        case .inProcess(let group, let task):
            await group.triggerGracefulShutdown()
            _ = await task.result
        case .process(let process):
            process.signal(SIGTERM)
            _ = try? await process.waitForExit(timeout: .seconds(30))
        }
        try? await producer.shutdown()
        await http.shutdown()
        redis.shutDown()
        await redisServer.kill()
        try? FileManager.default.removeItem(at: directory)
    }
}
