import Hummingbird
import Logging
import ServiceLifecycle
import WasendHTTP

/// `wasend sim`: a WhatsApp Cloud API simulator over real HTTP, for tests, demos and load tests.
///
/// It answers the Graph send endpoint with Meta's limits and errors, the phone-number and template
/// reads, posts signed status webhooks (and inbound "STOP"s) to a configured URL, and exposes what
/// it saw under `/_sim/` (see ``AdminController``). `run()` returns only at graceful shutdown.
public struct SimulatorService: Service {
    private let configuration: SimulatorConfiguration
    private let logger: Logger
    private let onServerRunning: @Sendable (_ port: Int) async -> Void

    /// - Parameter onServerRunning: called once listening, with the bound port (useful with port 0).
    public init(
        configuration: SimulatorConfiguration = SimulatorConfiguration(),
        logger: Logger = Logger(label: "wasend.sim"),
        onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.logger = logger
        self.onServerRunning = onServerRunning
    }

    public func run() async throws {
        let simulator = Simulator(configuration: configuration)
        let router = Router(context: SimulatorRequestContext.self)
        CloudAPIController(simulator: simulator).addRoutes(to: router)
        AdminController(simulator: simulator).addRoutes(to: router)

        var services: [any Service] = []
        var client: HTTPClient?
        if let url = configuration.webhook.url {
            let webhookClient = try HTTPClient(
                configuration: .init(
                    maxInFlight: configuration.webhook.concurrency,
                    maxConnectionsPerHost: configuration.webhook.concurrency,
                    protocolVersion: .http1,
                    requestTimeout: configuration.webhook.requestTimeout),
                logger: logger)
            client = webhookClient
            services.append(WebhookDispatcher(simulator: simulator, url: url, client: webhookClient, logger: logger))
        }
        let onServerRunning = self.onServerRunning
        let port = configuration.port
        let application = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: port), serverName: "wasend-sim"),
            services: services,
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
        do {
            try await application.run()
        } catch {
            await client?.shutdown(gracefully: false)
            throw error
        }
        await client?.shutdown(gracefully: false)
    }
}
