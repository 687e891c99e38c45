import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle

/// `/healthz`, `/readyz` and `/metrics` for the services that serve no HTTP of their own (planner,
/// sender, aggregator), so that every service can be probed by Kubernetes and scraped by Prometheus.
public struct OperationsServer: Service {
    /// A dependency check: returns when the dependency answers, throws when it does not.
    public typealias ReadinessCheck = @Sendable () async throws -> Void

    private let configuration: OperationsServerConfiguration
    private let readinessChecks: [(name: String, check: ReadinessCheck)]
    private let metrics: PrometheusCollectorRegistry
    private let logger: Logger

    public init(
        configuration: OperationsServerConfiguration, readinessChecks: [(name: String, check: ReadinessCheck)],
        metrics: PrometheusCollectorRegistry, logger: Logger
    ) {
        self.configuration = configuration
        self.readinessChecks = readinessChecks
        self.metrics = metrics
        self.logger = logger
    }

    public func run() async throws {
        let router = Router()
        router.get("healthz") { _, _ in Self.text(.ok, "ok\n") }
        router.get("readyz") { _, context in await ready(context.logger) }
        router.get("metrics") { [metrics] _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: metrics.emitToBuffer())))
        }
        let application = Application(
            router: router,
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: "wasend-operations"),
            onServerRunning: { [logger] channel in
                logger.info("operations endpoints listening", metadata: ["address": "\(channel.localAddress.map { "\($0)" } ?? "?")"])
            },
            logger: logger)
        try await application.run()
    }

    /// 200 when every dependency answers, else 503 naming the ones that do not.
    private func ready(_ logger: Logger) async -> Response {
        var failing: [String] = []
        for (name, check) in readinessChecks {
            do {
                try await check()
            } catch {
                logger.warning("readiness check failed", metadata: ["dependency": "\(name)", "error": "\(error)"])
                failing.append(name)
            }
        }
        return failing.isEmpty
            ? Self.text(.ok, "ready\n")
            : Self.text(.serviceUnavailable, "not ready: \(failing.sorted().joined(separator: ", "))\n")
    }

    private static func text(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
