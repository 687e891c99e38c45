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

    @OptionGroup var kafka: KafkaPropertyOptions

    @Option(help: "Largest recipient upload, in bytes.")
    var maxUploadBytes = APIConfiguration().maxUploadBytes

    @Option(help: "Path of Meta's webhook callback URL (GET handshake, signed POSTs).")
    var webhookPath = WebhookReceiverConfiguration().path

    /// The secrets themselves are never flags, so they never show in `ps` or `--help`.
    @Option(help: "File holding the Meta app secret that signs webhooks. Env: WASEND_WEBHOOK_APP_SECRET_FILE, or the secret itself in WASEND_WEBHOOK_APP_SECRET.")
    var webhookAppSecretFile: String?

    @Option(help: "File holding the webhook verify token. Env: WASEND_WEBHOOK_VERIFY_TOKEN_FILE, or the token itself in WASEND_WEBHOOK_VERIFY_TOKEN.")
    var webhookVerifyTokenFile: String?

    @Option(help: "Largest webhook body, in bytes (413 above).")
    var maxWebhookBytes = WebhookReceiverConfiguration().maxBodyBytes

    private static var environment: [String: String] { ProcessInfo.processInfo.environment }

    func run() async throws {
        let logger = Logger(label: "wasend.api")
        // Its error names the file and the field: `tenants.json: tenants[0].numbers[1].tier: ...`.
        let directory = try TenantDirectory.load(contentsOf: tenants)
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

        let webhooks = WebhookReceiverConfiguration(
            path: webhookPath,
            appSecret: try secret(
                file: webhookAppSecretFile ?? Self.environment["WASEND_WEBHOOK_APP_SECRET_FILE"],
                environmentVariable: "WASEND_WEBHOOK_APP_SECRET"),
            verifyToken: try secret(
                file: webhookVerifyTokenFile ?? Self.environment["WASEND_WEBHOOK_VERIFY_TOKEN_FILE"],
                environmentVariable: "WASEND_WEBHOOK_VERIFY_TOKEN"),
            maxBodyBytes: maxWebhookBytes)
        if webhooks.appSecret == nil || webhooks.verifyToken == nil {
            logger.warning("webhooks are not configured: /\(webhookPath) answers 503 until WASEND_WEBHOOK_APP_SECRET and WASEND_WEBHOOK_VERIFY_TOKEN are set")
        }
        let configuration = APIConfiguration(
            host: host, port: port, topics: WasendTopics(prefix: topicPrefix), maxUploadBytes: maxUploadBytes,
            webhooks: webhooks)
        let redisClient = try RedisClient(configuration: try RedisConfiguration(url: redisURL ?? Self.environment["WASEND_REDIS_URL"] ?? "redis://127.0.0.1:6379/0"), logger: logger)
        var producerConfiguration = KafkaProducerConfiguration(bootstrapServers: bootstrapServers)
        producerConfiguration.properties = kafka.properties
        let producer = try KafkaProducer(configuration: producerConfiguration, logger: logger)
        var webhookProducerConfiguration = KafkaProducerConfiguration.webhooks(bootstrapServers: bootstrapServers, receiver: webhooks)
        webhookProducerConfiguration.properties.merge(kafka.properties) { _, given in given }
        let webhookProducer = try KafkaProducer(configuration: webhookProducerConfiguration, logger: logger)
        var adminConfiguration = KafkaAdminConfiguration(bootstrapServers: bootstrapServers)
        adminConfiguration.properties = kafka.properties
        let admin = try KafkaAdmin(configuration: adminConfiguration, logger: logger)
        let api = CampaignAPI.wired(
            configuration: configuration, tenants: directory, producer: producer, webhookProducer: webhookProducer,
            admin: admin, redis: redisClient, metrics: registry, logger: logger)
        let group = ServiceGroup(
            services: [APIService(api: api)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        defer { redisClient.shutDown() }
        do {
            try await group.run()
        } catch {
            try? await webhookProducer.shutdown()
            try? await producer.shutdown()
            throw error
        }
        try await webhookProducer.shutdown()
        try await producer.shutdown()
    }

    /// From the file when one is named, else from the environment variable; `nil` when neither is set.
    private func secret(file: String?, environmentVariable: String) throws -> Secret? {
        if let file {
            return try SecretReference.file(file).resolve(environment: Self.environment)
        }
        guard Self.environment[environmentVariable].map({ !$0.isEmpty }) == true else { return nil }
        return try SecretReference.environment(environmentVariable).resolve(environment: Self.environment)
    }
}
