import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import WasendCampaigns
import WasendCore
import WasendKafka
import WasendLocalServers
import WasendPlanner
import WasendRedis

/// `wasend-bench planner`: recipients expanded per second into the embedded Kafka, and the
/// planner's resident memory while it expands a large campaign.
///
/// The mock cluster and redis-server run apart from the planner: the planner is this executable
/// started again with `--role planner`, so its resident memory is its own (the mock brokers keep
/// up to 5 MB per partition in memory).
struct PlannerBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "planner",
        abstract: "Recipients per second through the planner and its resident memory on a large campaign."
    )

    enum Role: String, ExpressibleByArgument {
        case driver, planner
    }

    @Option(help: "Recipients in the campaign.")
    var recipients = 1_000_000

    @Option(help: "Recipients per upload (an upload is expanded once its commit marker is read).")
    var uploadSize = 20_000

    @Option(help: "Partitions of the recipients, jobs and results topics (each keeps only about 5 MB on the mock cluster).")
    var partitions = 64

    @Option(help: "Recipients expanded in one Kafka transaction (the planner's setting).")
    var maxRecipientsPerTransaction = PlannerConfiguration().maxRecipientsPerTransaction

    @Option(help: "Expansion lanes, each with its own Kafka transaction (the planner's setting).")
    var expansionLanes = PlannerConfiguration().expansionLanes

    @Flag(
        help: """
            Write every upload before the planner starts, so that the figure is the planner's alone, \
            not shared with writing the uploads on this machine (fits the mock's retention up to about 2,000,000 recipients).
            """)
    var uploadsFirst = false

    @Option(help: "driver (default) or planner (internal: the planner process the driver starts).")
    var role = Role.driver

    @Option(help: "Internal: the mock cluster of the driver.")
    var bootstrap = ""

    @Option(help: "Internal: the redis-server port of the driver.")
    var redisPort = 0

    @Option(help: "Internal: the topic prefix of the driver.")
    var topicPrefix = ""

    static let phoneNumberID = "106540352242922"
    static let portfolioID = "102290129340398"

    func validate() throws {
        guard !uploadsFirst || recipients <= 2_000_000 else {
            throw ValidationError("--uploads-first: more than 2,000,000 recipients outgrow the mock cluster's retention")
        }
    }

    func run() async throws {
        switch role {
        case .driver: try await drive()
        case .planner: try await runPlanner()
        }
    }

    private func runPlanner() async throws {
        var logger = Logger(label: "wasend-bench.planner")
        logger.logLevel = .error
        var configuration = PlannerConfiguration()
        configuration.bootstrapServers = bootstrap
        configuration.redis = RedisConfiguration(port: redisPort)
        configuration.topics = WasendTopics(prefix: topicPrefix)
        // Expansion speed, not the backlog bound, is measured: nothing sends.
        configuration.maxBacklogPerCampaign = .max
        configuration.maxRecipientsPerTransaction = maxRecipientsPerTransaction
        configuration.expansionLanes = expansionLanes
        let group = ServiceGroup(
            services: [PlannerService(configuration: configuration, logger: logger)],
            gracefulShutdownSignals: [.sigterm], logger: logger)
        try await group.run()
    }

    private func drive() async throws {
        var logger = Logger(label: "wasend-bench.planner")
        logger.logLevel = .error
        let cluster = try KafkaMockCluster(brokers: 1, logger: logger)
        let topics = WasendTopics(prefix: "bench.")
        for topic in topics.all {
            try cluster.createTopic(topic, partitions: topic == topics.campaigns ? 16 : partitions)
        }
        // RedisServerProcess stops its server for sure (a plain SIGTERM can be ignored by inheritance).
        let redisServer = try await RedisServerProcess.start()
        let redisPort = redisServer.port
        let redis = try RedisClient(configuration: redisServer.configuration)

        let campaignID = "cmp_bench"
        let producer = try KafkaProducer(configuration: .init(bootstrapServers: cluster.bootstrapServers), logger: logger)
        let campaign = try Self.campaignRecord(id: campaignID)
        _ = try await producer.send(KafkaProducerRecord(topic: topics.campaigns, key: campaignID, value: campaign))

        // The uploads are written while the planner runs, as the API would, at most `aheadOfPlanner`
        // recipients ahead of it: the mock cluster's retention could not hold them all at once.
        // With `--uploads-first` they are all written before the planner starts.
        let aheadOfPlanner = uploadsFirst ? recipients : 400_000
        let upload = Task {
            var row = 0
            var uploadNumber = 0
            while row < recipients {
                while try await Self.recipientsDone(campaignID: campaignID, redis: redis) < Int64(row - aheadOfPlanner) {
                    try await Task.sleep(for: .milliseconds(20))
                }
                let uploadID = "upl_\(uploadNumber)"
                let end = min(row + uploadSize, recipients)
                var sequence = 0
                var records: [KafkaProducerRecord] = []
                for start in stride(from: row, to: end, by: 1_000) {
                    var batch = #"{"type":"batch","campaign_id":"\#(campaignID)","upload_id":"\#(uploadID)","sequence":\#(sequence),"recipients":["#
                    for index in start..<min(start + 1_000, end) {
                        if index > start { batch += "," }
                        batch += #"{"phone":"+4915\#(100_000_000 + index)","opted_in":true,"variables":{"name":"r\#(index)"}}"#
                    }
                    batch += "]}"
                    // RecipientStreamRecord's key: batches spread over the partitions.
                    records.append(
                        KafkaProducerRecord(
                            topic: topics.recipients, key: "\(campaignID)/\(uploadID)/\(sequence)", value: Array(batch.utf8)))
                    sequence += 1
                }
                let commit = #"{"type":"commit","campaign_id":"\#(campaignID)","upload_id":"\#(uploadID)","batches":\#(sequence),"recipients":\#(end - row)}"#
                records.append(KafkaProducerRecord(topic: topics.recipients, key: campaignID, value: Array(commit.utf8)))
                try await producer.send(contentsOf: records)
                row = end
                uploadNumber += 1
            }
        }

        if uploadsFirst { try await upload.value }

        let planner = Process()
        planner.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        planner.arguments = [
            "planner", "--role", "planner", "--bootstrap", cluster.bootstrapServers, "--redis-port", "\(redisPort)",
            "--topic-prefix", topics.prefix, "--max-recipients-per-transaction", "\(maxRecipientsPerTransaction)",
            "--expansion-lanes", "\(expansionLanes)",
        ]
        try planner.run()
        defer {
            if planner.isRunning { planner.terminate() }
        }
        print("planner: \(recipients) recipients in uploads of \(uploadSize), \(partitions) job partitions, \(expansionLanes) lanes, uploads \(uploadsFirst ? "written first" : "written alongside"), planner pid \(planner.processIdentifier)")

        var started: ContinuousClock.Instant?
        var peakResidentKilobytes = 0
        var done: Int64 = 0
        var lastReport = ContinuousClock.now
        while done < Int64(recipients) {
            try await Task.sleep(for: .milliseconds(100))
            guard planner.isRunning else { throw ValidationError("the planner process exited") }
            done = try await Self.recipientsDone(campaignID: campaignID, redis: redis)
            if done > 0, started == nil { started = .now }
            peakResidentKilobytes = max(peakResidentKilobytes, Self.residentKilobytes(of: planner.processIdentifier))
            if ContinuousClock.now - lastReport > .seconds(5) {
                lastReport = .now
                print("  \(done) recipients planned, planner resident \(peakResidentKilobytes / 1024) MB at most")
            }
        }
        let elapsed = ContinuousClock.now - (started ?? .now)
        try await upload.value
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(String(format: "  expanded %d recipients in %.2f s: %.0f recipients/s", recipients, seconds, Double(recipients) / seconds))
        print("  planner peak resident memory (VmHWM): \(peakResidentKilobytes / 1024) MB")
        let cpu = Self.cpuSeconds(of: planner.processIdentifier)
        print(
            String(
                format: "  planner CPU: %.1f s, %.2f µs/recipient (%.0f recipients per CPU-second)", cpu,
                cpu * 1e6 / Double(recipients), Double(recipients) / cpu))
        planner.terminate()
        planner.waitUntilExit()
        try await producer.shutdown()
        redis.shutDown()
        await redisServer.stop()
    }

    /// The campaign as the API writes it: core's `Campaign` with the record's fields beside it.
    static func campaignRecord(id: String) throws -> [UInt8] {
        let campaign = Campaign(
            id: id, name: "bench", phoneNumberID: phoneNumberID, portfolioID: portfolioID, category: .marketing,
            message: .template(
                TemplateSpec(
                    name: "offer", languageCode: "en_US",
                    components: [.body([.text(try TextPattern(parsing: "Hello {{name}}"))])])),
            state: .running)
        guard var record = try JSONSerialization.jsonObject(with: JSONEncoder().encode(campaign)) as? [String: Any] else {
            throw ValidationError("a campaign does not encode as a JSON object")
        }
        record.merge(["tenant_id": "bench", "version": 1, "created_at": 0, "updated_at": 0]) { $1 }
        return Array(try JSONSerialization.data(withJSONObject: record))
    }

    /// Recipients the planner has planned or skipped.
    static func recipientsDone(campaignID: String, redis: RedisClient) async throws -> Int64 {
        let flat = try await redis.send(
            "HMGET", PlannerKeys.counters(campaignID: campaignID), "planned", PlannerKeys.plannerSkippedField
        ).array ?? []
        return flat.compactMap(\.int).reduce(0) { $0 + Int64($1) }
    }

    /// User plus system CPU time of a process, from `/proc/<pid>/stat` (Linux, 100 ticks a second).
    static func cpuSeconds(of pid: Int32) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let end = stat.lastIndex(of: ")")
        else { return 0 }
        // After the command's closing parenthesis: state is field 3, utime 14 and stime 15.
        let fields = stat[stat.index(after: end)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / 100
    }

    /// `VmHWM` of a process (its peak resident memory so far), from `/proc/<pid>/status` (Linux).
    static func residentKilobytes(of pid: Int32) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
        }
        return 0
    }
}
