import Hummingbird
import Logging
import Prometheus
import WasendCampaigns
import WasendLimits
import WasendTenants

/// The campaign HTTP API, wired from its dependencies. ``APIService`` runs it; tests run the
/// application it builds on a free port.
public struct CampaignAPI: Sendable {
    /// A dependency check for `/readyz`: throws when the dependency cannot be reached.
    public typealias ReadinessCheck = @Sendable () async throws -> Void

    public let configuration: APIConfiguration
    public let tenants: TenantDirectory
    let publisher: any RecordPublisher
    let webhookPublisher: any RecordPublisher
    let campaignStore: any CampaignStore
    let idempotencyStore: any IdempotencyStore
    let numberControls: NumberControls?
    let readinessChecks: [(name: String, check: ReadinessCheck)]
    let metrics: PrometheusCollectorRegistry
    let logger: Logger

    /// - Parameters:
    ///   - webhookPublisher: where verified webhooks go, when not `publisher`: a producer of their own
    ///     can fail fast (Meta retries) and skip batching delay while campaign uploads keep theirs.
    ///   - numberControls: the senders' shared number state, for a number's stop reason and its
    ///     resume; without it `/v1/numbers` shows no stop state and a resume answers 503.
    ///   - readinessChecks: named checks besides the campaign store's own (`redis`), e.g. `kafka`.
    ///   - metrics: the registry that `/metrics` exposes; bootstrap swift-metrics with the same one.
    public init(
        configuration: APIConfiguration = APIConfiguration(),
        tenants: TenantDirectory,
        publisher: any RecordPublisher,
        webhookPublisher: (any RecordPublisher)? = nil,
        campaignStore: any CampaignStore,
        idempotencyStore: any IdempotencyStore,
        numberControls: NumberControls? = nil,
        readinessChecks: [(name: String, check: ReadinessCheck)] = [],
        metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
        logger: Logger = Logger(label: "wasend.api")
    ) {
        self.configuration = configuration
        self.tenants = tenants
        self.publisher = publisher
        self.webhookPublisher = webhookPublisher ?? publisher
        self.campaignStore = campaignStore
        self.idempotencyStore = idempotencyStore
        self.numberControls = numberControls
        let redisCheck: ReadinessCheck = { [campaignStore] in try await campaignStore.ping() }
        self.readinessChecks = [("redis", redisCheck)] + readinessChecks
        self.metrics = metrics
        self.logger = logger
    }

    /// Every route; the OpenAPI test compares `router.routes` with `schemas/openapi.json`.
    public func buildRouter() -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: JSONErrorMiddleware())
        router.add(middleware: MetricsMiddleware())
        OperationsController(readinessChecks: readinessChecks, metrics: metrics).addRoutes(to: router)
        WebhookController(
            configuration: configuration.webhooks, topic: configuration.webhooksTopic, publisher: webhookPublisher
        ).addRoutes(to: router)
        let v1 = router.group("v1").add(middleware: BearerAuthMiddleware(directory: tenants))
        CampaignController(
            configuration: configuration, publisher: publisher, store: campaignStore,
            lifecycle: CampaignLifecycle(
                store: campaignStore, publisher: publisher, campaignsTopic: configuration.campaignsTopic),
            idempotency: IdempotencyGuard(store: idempotencyStore, ttl: configuration.idempotencyTTL)
        ).addRoutes(to: v1)
        NumbersController(store: campaignStore, controls: numberControls).addRoutes(to: v1)
        return router
    }

    public func buildApplication() -> some ApplicationProtocol {
        Application(
            router: buildRouter(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "wasend-api"),
            logger: logger)
    }
}
