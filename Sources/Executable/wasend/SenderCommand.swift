import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import WasendCore
import WasendKafka
import WasendLimits
import WasendRedis
import WasendSender
import WasendTenants

/// `wasend sender`: sends jobs under Meta's limits until SIGINT or SIGTERM; run as many as needed.
struct SenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sender",
        abstract: "Send jobs through the Cloud API under Meta's limits (one of any number of senders).",
        discussion: "Sender numbers and their tokens come from the tenants file, as for `wasend api`."
    )

    @Option(help: "The tenants file (JSON) with the sender numbers and their tokens (by reference). Env: WASEND_TENANTS.")
    var tenants = Self.environment["WASEND_TENANTS"] ?? "tenants.json"

    @Option(help: "Kafka bootstrap servers (env WASEND_KAFKA_BOOTSTRAP).")
    var bootstrapServers = Self.environment["WASEND_KAFKA_BOOTSTRAP"] ?? SenderConfiguration().bootstrapServers

    /// Read at run time, not as the option's default, so a password in it never shows in `--help`.
    @Option(help: "Redis URL, redis://[:password@]host[:port][/database]. Env: WASEND_REDIS_URL. Default: redis://127.0.0.1:6379/0.")
    var redisURL: String?

    @Option(help: "Prefix of the topic names.")
    var topicPrefix = WasendTopics.defaultPrefix

    @Option(help: "Consumer group of the senders.")
    var group = SenderConfiguration().groupID

    @Option(help: "This sender's owner name in the send ledger; unique among running senders (env WASEND_SENDER_ID). Default: host, process id and a random suffix.")
    var senderID: String?

    @Option(help: "The Graph API's base URL, or the simulator's (env WASEND_GRAPH_URL).")
    var graphURL = Self.environment["WASEND_GRAPH_URL"] ?? SenderConfiguration().graphBaseURL

    @Option(help: "The Graph API version in the request paths.")
    var graphVersion = SenderConfiguration().graphAPIVersion

    @Option(help: "Sends in flight at once.")
    var maxInFlight = SenderConfiguration().maxInFlight

    @Option(help: "Seconds a job in doubt (its sender died mid-send) waits for a status webhook before it is sent again.")
    var inDoubtSeconds = Int(SendLedgerConfiguration().inDoubtResendAfter.components.seconds)

    @Option(help: "Seconds a ledger reservation lasts: a sender that dies holds its reserved jobs this long.")
    var leaseSeconds = Int(SendLedgerConfiguration().leaseLength.components.seconds)

    @Option(help: "Seconds of the moving unique-recipient window the messaging tier counts (24 h; shorter for tests and demos).")
    var tierWindowSeconds = Int(SendLimiterConfiguration().tierWindow.components.seconds)

    @Option(help: "A campaign pauses itself when more than this fraction of its last sends failed.")
    var failureRateThreshold = SenderConfiguration().failureRateThreshold

    @Option(help: "Attempts per job, the first included, before a transient failure (or a recipient's 131056) is final.")
    var maxAttempts = SenderConfiguration().retryPolicy.maximumAttempts

    @Option(help: "Milliseconds of the first retry's backoff; each further attempt doubles it (with jitter).")
    var retryBaseDelayMs = Int(SenderConfiguration().retryPolicy.baseDelay.components.seconds * 1_000)

    @OptionGroup var operations: OperationsOptions

    @OptionGroup var kafka: KafkaPropertyOptions

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical. Default: WASEND_LOG_LEVEL, else info.")
    var logLevel: String?

    private static var environment: [String: String] { ProcessInfo.processInfo.environment }

    func validate() throws {
        guard maxInFlight >= 1 else { throw ValidationError("--max-in-flight must be at least 1") }
        guard inDoubtSeconds >= 1 else { throw ValidationError("--in-doubt-seconds must be at least 1") }
        guard leaseSeconds >= 1 else { throw ValidationError("--lease-seconds must be at least 1") }
        guard tierWindowSeconds >= 1 else { throw ValidationError("--tier-window-seconds must be at least 1") }
        guard (0...1).contains(failureRateThreshold) else {
            throw ValidationError("--failure-rate-threshold must be between 0 and 1")
        }
        guard maxAttempts >= 1 else { throw ValidationError("--max-attempts must be at least 1") }
        guard retryBaseDelayMs >= 1 else { throw ValidationError("--retry-base-delay-ms must be at least 1") }
        if let logLevel, Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("--log-level \(logLevel) is not a level")
        }
    }

    func run() async throws {
        var logger = Logger(label: "wasend.sender")
        if let level = logLevel.flatMap(Logger.Level.init(rawValue:)) { logger.logLevel = level }
        let directory = try TenantDirectory.load(contentsOf: tenants)
        var configuration = SenderConfiguration()
        configuration.bootstrapServers = bootstrapServers
        configuration.kafkaProperties = kafka.properties
        configuration.redis = try RedisConfiguration(
            url: redisURL ?? Self.environment["WASEND_REDIS_URL"] ?? "redis://127.0.0.1:6379/0")
        configuration.topics = WasendTopics(prefix: topicPrefix)
        configuration.groupID = group
        configuration.senderID = senderID ?? Self.environment["WASEND_SENDER_ID"] ?? Self.uniqueSenderID()
        configuration.numbers = directory.tenants.flatMap(\.numbers)
        configuration.graphBaseURL = graphURL
        configuration.graphAPIVersion = graphVersion
        configuration.maxInFlight = maxInFlight
        configuration.ledger.inDoubtResendAfter = .seconds(inDoubtSeconds)
        configuration.ledger.leaseLength = .seconds(leaseSeconds)
        configuration.limiter.tierWindow = .seconds(tierWindowSeconds)
        configuration.failureRateThreshold = failureRateThreshold
        configuration.retryPolicy.maximumAttempts = maxAttempts
        configuration.retryPolicy.baseDelay = .milliseconds(retryBaseDelayMs)
        let operations = try operations.serverProbingRedis(configuration.redis, logger: logger)
        defer { operations.probe.shutDown() }
        let group = ServiceGroup(
            services: [SenderService(configuration: configuration, logger: logger), operations.server],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await group.run()
    }

    /// Unique per run: a restarted sender must not take its dead predecessor's leases for its own.
    private static func uniqueSenderID() -> String {
        let host = ProcessInfo.processInfo.hostName
        return "\(host)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8).lowercased())"
    }
}
