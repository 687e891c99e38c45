import Foundation
import Logging
import Synchronization
import WasendClient
import WasendCore
import WasendHTTP
import WasendKafka
import WasendRedis
import WasendSimulator
import WasendTestSupport

/// Wasend as production runs it: the simulator, `wasend api`, `planner`, two `sender`s and the
/// `aggregator`, each a process of its own, on librdkafka's mock cluster (3 brokers, in this
/// process) and a real `redis-server`. A scenario kills, restarts and disturbs them, then
/// reconciles what the simulator saw with `wasend.results`, `wasend.deliveries` and the counters.
///
/// Every process writes its standard error into one directory, so a scenario can also check that
/// no secret reached a log.
final class FaultTestPipeline: Sendable {
    enum Role: Hashable, Sendable, CustomStringConvertible {
        case simulator, api, planner, aggregator
        case sender(Int)

        var description: String {
            switch self {
            case .simulator: "simulator"
            case .api: "api"
            case .planner: "planner"
            case .aggregator: "aggregator"
            case .sender(let index): "sender-\(index)"
            }
        }
    }

    static let phoneNumberID = "100000000000001"
    static let senders = 2
    /// The secrets of this run: none may appear in any log.
    let accessToken = "fault-token-\(UUID().uuidString)"
    let apiKey = "fault-key-\(UUID().uuidString)"
    let appSecret = "fault-app-secret-\(UUID().uuidString)"
    let verifyToken = "fault-verify-\(UUID().uuidString)"

    let throughput: Int
    let cluster: KafkaMockCluster
    let topics: WasendTopics
    let redisServer: RedisServerProcess
    let directory: URL
    let apiPort: Int
    let http: HTTPClient
    private let processes = Mutex<[Role: WasendProcess]>([:])
    private let simulatorAddress = Mutex<String?>(nil)

    /// The planner's `--max-backlog`, or its default (50,000) when nil: a small one keeps the
    /// planner expanding while the campaign sends.
    let plannerBacklog: Int?

    init(
        throughput: Int, redisPersistence: RedisServerProcess.Options.Persistence = .none, plannerBacklog: Int? = nil
    ) async throws {
        self.throughput = throughput
        self.plannerBacklog = plannerBacklog
        cluster = try KafkaMockCluster(brokers: 3, logger: Self.logger)
        topics = WasendTopics(prefix: "f\(UInt32.random(in: 0...UInt32.max)).")
        try cluster.createTopics(topics, partitions: 8, replicationFactor: 3)
        redisServer = try await RedisServerProcess.start(options: .init(persistence: redisPersistence))
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("wasend-fault-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        apiPort = try LoopbackPort.free()
        http = try HTTPClient(configuration: .init(protocolVersion: .http1, requestTimeout: .seconds(30)), logger: Self.logger)
        try write(accessToken, to: "token")
        try write(apiKey, to: "api-key")
        let tenants = """
            {"tenants": [{"id": "acme", "api_keys": [{"file": "\(path("api-key"))"}],
              "numbers": [{"phone_number_id": "\(Self.phoneNumberID)", "business_portfolio_id": "300000000000001",
                "display_number": "+1 555 0100", "access_token": {"file": "\(path("token"))"},
                "throughput": \(throughput), "tier": "TIER_UNLIMITED"}]}]}
            """
        try write(tenants, to: "tenants.json")
    }

    static let logger: Logger = {
        var logger = Logger(label: "wasend.test.fault")
        logger.logLevel = .critical
        return logger
    }()

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    private func write(_ text: String, to name: String) throws {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
    }

    var apiURL: String { "http://127.0.0.1:\(apiPort)" }
    var simulatorURL: String { simulatorAddress.withLock { $0 } ?? "http://127.0.0.1:0" }

    /// The command line of each role against this pipeline. Senders hold leases for 5 s and
    /// wait 20 s for a status to settle a job left in doubt: a scenario's kills resolve in it.
    private func arguments(_ role: Role) -> [String] {
        let kafka = ["--bootstrap-servers", cluster.bootstrapServers, "--topic-prefix", topics.prefix]
        let kafkaDebug = Self.kafkaDebug.map { ["--kafka-property", "debug=\($0)"] } ?? []
        // librdkafka's mock brokers check the idempotent producer's sequences only for transactional
        // producers. With several produce requests in flight, a request refused NOT_LEADER (not
        // written) followed by a later one taken made librdkafka report the refused records delivered
        // ("implicitly acked by subsequent batch success", seen in the API's `msg,eos` log): an
        // acknowledged webhook lost. The aggregator's delivery states showed the same loss: every
        // message counted delivered, yet the last record of two on `wasend.deliveries` was `sent`.
        // Kafka refuses the later request instead (OUT_OF_ORDER_SEQUENCE_NUMBER), so the services
        // keep 5 in flight; on the mock, the roles with idempotent producers outside transactions
        // (the API, the aggregator, the senders) keep one, which leaves no later request to be taken.
        let oneRequestInFlight = ["--kafka-property", "max.in.flight.requests.per.connection=1"]
        let redis = ["--redis-url", redisServer.url]
        switch role {
        case .simulator:
            return [
                "sim", "--port", "0", "--token", accessToken, "--phone-number", Self.phoneNumberID,
                "--portfolio-id", "300000000000001", "--messages-per-second", "\(throughput)",
                "--messaging-tier", "unlimited", "--webhook-url", "\(apiURL)/webhooks/meta", "--sent-delay-ms", "20",
                "--delivered-delay-ms", "50", "--read-fraction", "0", "--log-level", "warning",
            ]
        case .api:
            return ["api", "--port", "\(apiPort)", "--tenants", path("tenants.json")] + kafka + redis + oneRequestInFlight + kafkaDebug
        case .planner:
            let backlog = plannerBacklog.map { ["--max-backlog", "\($0)"] } ?? []
            return ["planner", "--metrics-port", "0"] + kafka + redis + backlog + kafkaDebug
        case .aggregator:
            return ["aggregator", "--metrics-port", "0", "--sweep-seconds", "2"] + kafka + redis + oneRequestInFlight + kafkaDebug
        case .sender(let index):
            return [
                "sender", "--metrics-port", "0", "--tenants", path("tenants.json"), "--graph-url", simulatorURL,
                "--sender-id", "fault-sender-\(index)-\(UUID().uuidString.prefix(8))", "--lease-seconds", "5",
                "--in-doubt-seconds", "20",
            ] + (Self.kafkaDebug == nil ? ["--log-level", "notice"] : []) + kafka + redis + oneRequestInFlight + kafkaDebug
        }
    }

    /// `WASEND_FAULT_KAFKA_DEBUG=msg,eos` writes librdkafka's debug contexts of every service's
    /// clients to its log, at the debug level.
    private static let kafkaDebug = ProcessInfo.processInfo.environment["WASEND_FAULT_KAFKA_DEBUG"]

    private func environment(of role: Role) -> [String: String] {
        var environment = [
            "WASEND_WEBHOOK_APP_SECRET": appSecret, "WASEND_WEBHOOK_VERIFY_TOKEN": verifyToken, "WASEND_SIM_APP_SECRET": appSecret,
        ]
        if role != .simulator, Self.kafkaDebug != nil { environment["WASEND_LOG_LEVEL"] = "debug" }
        return environment
    }

    static var allRoles: [Role] {
        [.simulator, .api, .planner, .aggregator] + (0..<senders).map(Role.sender)
    }

    /// Starts every role, the simulator first (the senders need its address).
    func startAll() async throws {
        for role in Self.allRoles { try await start(role) }
        let listening = ContinuousClock.now + .seconds(60)
        while (try? await http.execute(HTTPRequest(url: apiURL + "/healthz")))?.status != 200, ContinuousClock.now < listening {
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    func start(_ role: Role) async throws {
        let process = try WasendProcess(
            arguments(role), environment: environment(of: role), standardError: directory.appendingPathComponent("\(role).log"),
            realtime: role == .simulator)
        processes.withLock { $0[role] = process }
        if role == .simulator {
            let url = try await process.simulatorURL()
            simulatorAddress.withLock { $0 = url }
        }
    }

    /// SIGKILL, then the same role started again after `pause`.
    func kill(_ role: Role, restartAfter pause: Duration = .seconds(1)) async throws {
        guard let process = processes.withLock({ $0[role] }) else { return }
        process.signal(SIGKILL)
        try await process.waitForExit()
        try await Task.sleep(for: pause)
        try await start(role)
    }

    /// Stops every role with SIGTERM; returns the roles that did not exit cleanly.
    func stopAll() async throws -> [Role: Int32] {
        var failures: [Role: Int32] = [:]
        let running = processes.withLock { $0 }
        for role in Self.allRoles.reversed() { running[role]?.signal(SIGTERM) }
        for (role, process) in running {
            let status = try await process.waitForExit(timeout: .seconds(60))
            if status != 0 { failures[role] = status }
        }
        return failures
    }

    /// Replaces the number's access token in the tenants' token file; a sender reads it when it starts.
    func writeAccessToken(_ token: String) throws {
        try write(token, to: "token")
    }

    /// The number's `stopped_reason` as `GET /v1/numbers` shows it (nil while it sends).
    func stoppedReason() async throws -> String? {
        let response = try await http.execute(
            HTTPRequest(url: apiURL + "/v1/numbers", headers: ["Authorization": "Bearer \(apiKey)"]))
        let body = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        let numbers = body?["numbers"] as? [[String: Any]] ?? []
        return numbers.first { $0["phone_number_id"] as? String == Self.phoneNumberID }?["stopped_reason"] as? String
    }

    /// `POST /v1/numbers/{id}/resume`; returns the status.
    func resumeNumber() async throws -> Int {
        try await http.execute(
            HTTPRequest(
                method: .post, url: apiURL + "/v1/numbers/\(Self.phoneNumberID)/resume",
                headers: ["Authorization": "Bearer \(apiKey)"])
        ).status
    }

    func client() -> CampaignClient {
        CampaignClient(configuration: CampaignClientConfiguration(baseURL: apiURL, apiKey: apiKey), http: http)
    }

    /// Creates, uploads and starts the campaign; returns its id.
    func submitCampaign(_ campaign: FaultCampaign) async throws -> String {
        let client = client()
        let draft = CampaignDraft(
            name: "Fault scenario", from: Self.phoneNumberID, category: "MARKETING", templateName: "campaign_offer",
            languageCode: "en_US", bodyParameters: ["{{first_name}}"])
        let campaignID = try await client.create(draft, idempotencyKey: UUID().uuidString)
        _ = try await client.upload(
            RecipientFilePart(index: 0, firstRow: 1, rows: campaign.recipients, bytes: Array(campaign.csv.utf8)), format: .csv,
            campaignID: campaignID, idempotencyKey: UUID().uuidString)
        _ = try await client.command("start", campaignID: campaignID)
        return campaignID
    }

    /// Polls the campaign through the API (which may be down for a moment) until it is final.
    func waitUntilFinal(_ campaignID: String, timeout: Duration) async throws -> CampaignProgress? {
        let deadline = ContinuousClock.now + timeout
        var last: CampaignProgress?
        while ContinuousClock.now < deadline {
            if let progress = try? await client().progress(campaignID: campaignID) {
                last = progress
                if progress.isFinal { return progress }
            }
            try await Task.sleep(for: .seconds(1))
        }
        return last
    }

    var simulator: SimulatorControl { SimulatorControl(baseURL: simulatorURL, http: http) }

    /// Every record on `topic` from its start: read until `complete` holds, nothing new came for
    /// `idle` (the campaign is complete, so its records are all written), or `timeout` passes.
    func records(
        of topic: String, idle: Duration = .seconds(5), timeout: Duration,
        complete: @escaping @Sendable ([KafkaConsumerMessage]) -> Bool = { _ in false }
    ) async throws -> [KafkaConsumerMessage] {
        let consumer = try KafkaConsumer(
            configuration: .testReader(bootstrapServers: cluster.bootstrapServers), topics: [topic], logger: Self.logger)
        let reader = RecordReader()
        let growth = Mutex((count: 0, at: ContinuousClock.now))
        try await reader.read(from: consumer, timeout: timeout) { messages in
            growth.withLock { growth in
                if messages.count != growth.count { growth = (messages.count, .now) }
                return messages.count > 0 && ContinuousClock.now - growth.at >= idle
            } || complete(messages)
        }
        try await consumer.shutdown()
        return await reader.messages
    }

    /// The lines of a process's log (every run of it) that contain `text`.
    func logLines(of role: Role, containing text: String) throws -> [String] {
        let log = try String(contentsOfFile: path("\(role).log"), encoding: .utf8)
        return log.split(separator: "\n").filter { $0.contains(text) }.map(String.init)
    }

    /// The lines of every process's log that hold one of this run's secrets.
    func linesWithSecrets() throws -> [String] {
        let secrets = [accessToken, apiKey, appSecret, verifyToken]
        var found: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) where file.hasSuffix(".log") {
            let text = try String(contentsOfFile: path(file), encoding: .utf8)
            for line in text.split(separator: "\n") where secrets.contains(where: { line.contains($0) }) {
                found.append("\(file): \(line.prefix(200))")
            }
        }
        return found
    }

    func shutdown() async {
        _ = try? await stopAll()
        await http.shutdown()
        await redisServer.kill()
        // `WASEND_FAULT_KEEP_LOGS=1` keeps every service's log for a look after the run.
        if ProcessInfo.processInfo.environment["WASEND_FAULT_KEEP_LOGS"] == nil {
            try? FileManager.default.removeItem(at: directory)
        } else {
            print("fault logs kept in \(directory.path)")
        }
    }
}

extension FaultTestPipeline {
    /// Waits for the campaign to complete, then reads both topics and the simulator's counts.
    func reconcile(_ campaignID: String, campaign: FaultCampaign, timeout: Duration) async throws -> Reconciliation {
        guard try await waitUntilFinal(campaignID, timeout: timeout) != nil else {
            throw CampaignNeverSeen(campaignID: campaignID)
        }
        // A job left in doubt and settled by its webhooks completes the campaign at once, but its
        // result is published when a sender comes back to the job, after the in-doubt window (20 s):
        // read until every recipient has one, or nothing new came for longer than that window.
        let finals = FinalResultKeys()
        let results = try await records(of: topics.results, idle: .seconds(30), timeout: .seconds(300)) {
            finals.update($0) >= campaign.expectedResultKeys
        }
        let deliveries = try await records(of: topics.deliveries, timeout: .seconds(300))
        // Read again: the last statuses may fold after the campaign completed on its send results.
        let progress = try await client().progress(campaignID: campaignID)
        return try Reconciliation(
            recipients: campaign.recipients, progress: progress, report: try await simulator.report(), results: results,
            deliveries: deliveries)
    }

    struct CampaignNeverSeen: Error {
        var campaignID: String
    }
}
