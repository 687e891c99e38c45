import ArgumentParser
import Foundation
import Logging
import Metrics
import Prometheus
import WasendOperations
import WasendRedis

/// `--metrics-host` and `--metrics-port`: where a service without an HTTP API of its own serves
/// `/healthz`, `/readyz` and `/metrics`.
struct OperationsOptions: ParsableArguments {
    @Option(help: "Address of /healthz, /readyz and /metrics. Env: WASEND_METRICS_HOST. Default: 127.0.0.1.")
    var metricsHost = ProcessInfo.processInfo.environment["WASEND_METRICS_HOST"] ?? "127.0.0.1"

    @Option(help: "Port of /healthz, /readyz and /metrics; 0 picks a free one. Env: WASEND_METRICS_PORT. Default: 9090.")
    var metricsPort = ProcessInfo.processInfo.environment["WASEND_METRICS_PORT"].flatMap(Int.init) ?? 9090

    /// Sends swift-metrics to a Prometheus registry (once per process) and returns the server that
    /// exposes it.
    func server(readinessChecks: [(name: String, check: OperationsServer.ReadinessCheck)], logger: Logger) -> OperationsServer {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return OperationsServer(
            configuration: OperationsServerConfiguration(host: metricsHost, port: metricsPort),
            readinessChecks: readinessChecks, metrics: registry, logger: logger)
    }

    /// The server whose `/readyz` pings Redis, the dependency without which these services stop,
    /// and the probe's own client (shut it down when the service group returns).
    func serverProbingRedis(
        _ redis: RedisConfiguration, logger: Logger
    ) throws -> (server: OperationsServer, probe: RedisClient) {
        let probe = try RedisClient(configuration: redis, logger: logger)
        return (server(readinessChecks: [("redis", { _ = try await probe.send("PING") })], logger: logger), probe)
    }
}
