import Hummingbird
import Logging
import Prometheus

/// `/healthz`, `/readyz` and `/metrics`: unauthenticated, for load balancers and Prometheus.
struct OperationsController: Sendable {
    let readinessChecks: [(name: String, check: CampaignAPI.ReadinessCheck)]
    let metrics: PrometheusCollectorRegistry

    func addRoutes(to router: Router<APIRequestContext>) {
        router.get("healthz") { _, _ in try StoredResponse.json(.ok, ["status": "ok"]) }
        router.get("readyz", use: ready)
        router.get("metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: metrics.emitToBuffer())))
        }
    }

    /// Ready when every dependency answers: a load balancer then stops sending work to a replica
    /// that could only answer 503.
    @Sendable func ready(_ request: Request, context: APIRequestContext) async throws -> StoredResponse {
        var results: [String: String] = [:]
        await withTaskGroup(of: (String, String).self) { group in
            for (name, check) in readinessChecks {
                group.addTask {
                    do {
                        try await check()
                        return (name, "ok")
                    } catch {
                        context.logger.warning("readiness check failed", metadata: ["dependency": "\(name)", "error": "\(error)"])
                        return (name, "unavailable")
                    }
                }
            }
            for await (name, result) in group { results[name] = result }
        }
        let ready = results.values.allSatisfy { $0 == "ok" }
        return try .json(ready ? .ok : .serviceUnavailable, ReadinessReport(status: ready ? "ready" : "not_ready", checks: results))
    }
}

struct ReadinessReport: Encodable {
    var status: String
    var checks: [String: String]
}
