import Logging
import Prometheus
import WasendAPI
import WasendCampaigns
import WasendKafka
import WasendLimits
import WasendRedis
import WasendTenants

extension CampaignAPI {
    /// The API over Wasend's Kafka and Redis adapters, as `wasend api` and `wasend dev` run it; webhooks
    /// go through a producer of their own (``KafkaProducerConfiguration/webhooks(bootstrapServers:receiver:)``).
    static func wired(
        configuration: APIConfiguration, tenants: TenantDirectory, producer: KafkaProducer,
        webhookProducer: KafkaProducer, admin: KafkaAdmin,
        redis: RedisClient, metrics: PrometheusCollectorRegistry, logger: Logger
    ) -> CampaignAPI {
        CampaignAPI(
            configuration: configuration, tenants: tenants,
            publisher: KafkaRecordPublisher(producer: producer),
            webhookPublisher: KafkaRecordPublisher(producer: webhookProducer),
            campaignStore: RedisCampaignStore(redis: redis),
            idempotencyStore: RedisIdempotencyStore(redis: redis),
            numberControls: NumberControls(redis: redis),
            readinessChecks: [("kafka", { _ = try await admin.partitionCount(of: configuration.campaignsTopic) })],
            metrics: metrics, logger: logger)
    }
}
