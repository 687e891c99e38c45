import ArgumentParser
import Foundation
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import WasendAPI
import WasendKafka
import WasendRedis
import WasendTenants

/// `wasend api`: the campaign HTTP API, `/metrics`, `/healthz` and `/readyz`.
struct APICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api",
        abstract: "Serve the campaign HTTP API."
    )

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port = 8080

    @Option(help: "The tenants file (JSON): API keys, tenants and their sender numbers; secrets by reference only. Env: WASEND_TENANTS.")
    var tenants = Self.environment["WASEND_TENANTS"] ?? "tenants.json"

    @Option(help: "Kafka bootstrap servers, host:port[,host:port...]. Env: WASEND_KAFKA_BOOTSTRAP.")
    var bootstrapServers = Self.environment["WASEND_KAFKA_BOOTSTRAP"] ?? "127.0.0.1:9092"

    /// Read at run time, not as the option's default, so a password in it never shows in `--help`.
    @Option(help: "Redis URL, redis://[:password@]host[:port][/database]. Env: WASEND_REDIS_URL. Default: redis://127.0.0.1:6379/0.")
    var redisURL: String?

    @Option(help: "Prefix of the Kafka topic names.")
    var topicPrefix = WasendTopics.defaultPrefix

    @Option(help: "Largest recipient upload, in bytes.")
    var maxUploadBytes = APIConfiguration().maxUploadBytes

    private static var environment: [String: String] { ProcessInfo.processInfo.environment }

    func run() async throws {
        let logger = Logger(label: "wasend.api")
        // Its error names the file and the field: `tenants.json: tenants[0].numbers[1].tier: ...`.
        let directory = try TenantDirectory.load(contentsOf: tenants)
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

        let configuration = APIConfiguration(
            host: host, port: port, topics: WasendTopics(prefix: topicPrefix), maxUploadBytes: maxUploadBytes)
        let redisClient = try RedisClient(configuration: try RedisConfiguration(url: redisURL ?? Self.environment["WASEND_REDIS_URL"] ?? "redis://127.0.0.1:6379/0"), logger: logger)
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(bootstrapServers: bootstrapServers), logger: logger)
        let admin = try KafkaAdmin(configuration: KafkaAdminConfiguration(bootstrapServers: bootstrapServers), logger: logger)
        let api = CampaignAPI.wired(
            configuration: configuration, tenants: directory, producer: producer, admin: admin, redis: redisClient,
            metrics: registry, logger: logger)
        let group = ServiceGroup(
            services: [APIService(api: api)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        defer { redisClient.shutDown() }
        do {
            try await group.run()
        } catch {
            try? await producer.shutdown()
            throw error
        }
        try await producer.shutdown()
    }
}
