import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import WasendCampaigns
import WasendCore
import WasendKafka
import WasendLocalServers
import WasendRedis
import WasendSender
import WasendTenants
import WasendTestSupport

/// `wasend-bench sender`: messages per second through one sender process, end to end (jobs on
/// the embedded Kafka → Redis limiter and ledger → HTTP → results on Kafka), and the sender's
/// CPU time per message.
///
/// The provider is Debian's nginx answering a canned Cloud API success; the limiter is on with
/// limits set high (the work of admission is measured, not its waiting). The mock cluster,
/// redis-server and nginx run in or beside this driver; the sender is this executable started
/// again with `--role sender`, so its CPU time is its own.
struct SenderBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sender",
        abstract: "Messages/s end to end through one sender, and its CPU µs per message."
    )

    enum Role: String, ExpressibleByArgument {
        case driver, sender
    }

    @Option(help: "Jobs in the campaign.")
    var jobs = 200_000

    @Option(help: "Partitions of the jobs and results topics (each keeps only about 5 MB on the mock cluster).")
    var partitions = 64

    @Option(help: "Sends in flight at once.")
    var maxInFlight = SenderConfiguration().maxInFlight

    @Option(help: "Jobs asked for at once from the limiter and the ledger.")
    var admissionBatchSize = SenderConfiguration().admissionBatchSize

    @Option(help: "Admission batches in their Redis round trips at once.")
    var concurrentAdmissions = SenderConfiguration().concurrentAdmissions

    @Option(help: "nginx worker processes.")
    var nginxWorkers = 1

    @Option(help: "driver (default) or sender (internal: the sender process the driver starts).")
    var role = Role.driver

    @Option(help: "Internal: the mock cluster of the driver.")
    var bootstrap = ""

    @Option(help: "Internal: the redis-server URL of the driver.")
    var redisURL = ""

    @Option(help: "Internal: the topic prefix of the driver.")
    var topicPrefix = ""

    @Option(help: "Internal: nginx's base URL.")
    var graphURL = ""

    static let phoneNumberID = "106540352242922"
    static let portfolioID = "102290129340398"
    static let campaignID = "cmp_bench"

    func run() async throws {
        switch role {
        case .driver: try await drive()
        case .sender: try await runSender()
        }
    }

    private func runSender() async throws {
        var logger = Logger(label: "wasend-bench.sender")
        logger.logLevel = .error
        var configuration = SenderConfiguration()
        configuration.bootstrapServers = bootstrap
        configuration.redis = try RedisConfiguration(url: redisURL)
        configuration.topics = WasendTopics(prefix: topicPrefix)
        configuration.graphBaseURL = graphURL
        configuration.maxInFlight = maxInFlight
        configuration.admissionBatchSize = admissionBatchSize
        configuration.concurrentAdmissions = concurrentAdmissions
        configuration.numbers = [
            SenderNumber(
                phoneNumberID: Self.phoneNumberID, businessPortfolioID: Self.portfolioID, displayNumber: "+1 555 0100",
                accessToken: Secret("bench-token"), throughput: 10_000_000, tier: .unlimited)
        ]
        let group = ServiceGroup(
            services: [SenderService(configuration: configuration, logger: logger)], gracefulShutdownSignals: [.sigterm],
            logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            tasks.addTask { await Self.exitWhenOrphaned() }
            try await tasks.next()
            tasks.cancelAll()
        }
    }

    /// A driver killed (`timeout`, ^C) cannot stop its sender, which would go on taking a core:
    /// the sender leaves once it has been handed to another parent.
    private static func exitWhenOrphaned() async {
        let driver = getppid()
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(1))
            if getppid() != driver { Foundation.exit(1) }
        }
    }

    private func drive() async throws {
        var logger = Logger(label: "wasend-bench.sender")
        logger.logLevel = .error
        let cluster = try KafkaMockCluster(brokers: 1, logger: logger)
        let topics = WasendTopics(prefix: "bench.")
        try cluster.createTopics(topics, partitions: partitions)
        let redisServer = try await RedisServerProcess.start()
        let redis = try RedisClient(configuration: try RedisConfiguration(url: redisServer.url))
        let nginx = try await NginxProcess.start(NginxProcess.Configuration(workerProcesses: nginxWorkers))
        // The sender holds jobs of a campaign Redis does not know (see `SendLedger`), so the
        // campaign is there first, running, as the API leaves it.
        try await RedisCampaignStore(redis: redis).insert(
            CampaignRecord(
                campaign: Campaign(
                    id: Self.campaignID, name: "bench", phoneNumberID: Self.phoneNumberID, portfolioID: Self.portfolioID,
                    category: .utility,
                    message: .template(TemplateSpec(name: "order_update", languageCode: "en_US", components: [])),
                    state: .running),
                tenantID: "bench", version: 1, createdAt: .epoch, updatedAt: .epoch))

        let producer = try KafkaProducer(configuration: .init(bootstrapServers: cluster.bootstrapServers), logger: logger)
        var records: [KafkaProducerRecord] = []
        for index in 0..<jobs {
            let recipient = try PhoneNumber(e164Digits: "4915" + String(100_000_000 + index))
            let job = SendJob(
                jobID: JobID(campaignID: Self.campaignID, recipient: recipient), campaignID: Self.campaignID,
                phoneNumberID: Self.phoneNumberID, portfolioID: Self.portfolioID, recipient: recipient, category: .utility,
                message: .template(
                    TemplateMessage(
                        name: "order_update", languageCode: "en_US",
                        components: [.body([.text("r\(index)")])])))
            records.append(KafkaProducerRecord(topic: topics.jobs, key: recipient.digits, value: job.jsonBytes()))
            if records.count == 10_000 {
                try await producer.send(contentsOf: records)
                records.removeAll(keepingCapacity: true)
            }
        }
        try await producer.send(contentsOf: records)
        try await producer.shutdown()

        let sender = Process()
        sender.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        sender.arguments = [
            "sender", "--role", "sender", "--bootstrap", cluster.bootstrapServers, "--redis-url", redisServer.url,
            "--topic-prefix", topics.prefix, "--graph-url", nginx.http1URL(""), "--max-in-flight", "\(maxInFlight)",
            "--admission-batch-size", "\(admissionBatchSize)", "--concurrent-admissions", "\(concurrentAdmissions)",
        ]
        try sender.run()
        print("sender: \(jobs) jobs on \(partitions) partitions, \(maxInFlight) in flight, admissions of \(admissionBatchSize) × \(concurrentAdmissions), nginx \(nginxWorkers) worker(s), sender pid \(sender.processIdentifier)")

        let counters = CampaignKeys.counters(Self.campaignID)
        var started: (ContinuousClock.Instant, Double)?
        var done = 0
        var lastReport = ContinuousClock.now
        while done < jobs {
            try await Task.sleep(for: .milliseconds(50))
            guard sender.isRunning else { throw ValidationError("the sender process exited") }
            done = try await redis.send("HGET", counters, "accepted").int ?? 0
            if done > 0, started == nil { started = (.now, Self.cpuSeconds(of: sender.processIdentifier)) }
            if ContinuousClock.now - lastReport > .seconds(5) {
                lastReport = .now
                print("  \(done) accepted")
            }
        }
        let cpu = Self.cpuSeconds(of: sender.processIdentifier) - (started?.1 ?? 0)
        let elapsed = ContinuousClock.now - (started?.0 ?? .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        // The first acceptance marks the start, so the sender's start-up and group join are not counted.
        let measured = Double(jobs - 1)
        print(
            String(
                format: "  %d messages in %.2f s: %.0f messages/s end to end; sender CPU %.1f µs/message (%.0f %% of a core)",
                jobs, seconds, measured / seconds, cpu * 1e6 / measured, cpu / seconds * 100))
        sender.terminate()
        sender.waitUntilExit()
        await nginx.stop()
        redis.shutDown()
        await redisServer.kill()
    }

    /// User and system CPU time of a process, from `/proc/<pid>/stat` (Linux, clock ticks of 1/100 s).
    static func cpuSeconds(of pid: Int32) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let end = stat.lastIndex(of: ")")
        else { return 0 }
        let fields = stat[stat.index(after: end)...].split(separator: " ")
        // After the command: state is field 3, utime 14 and stime 15 (1-based over the whole line).
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
