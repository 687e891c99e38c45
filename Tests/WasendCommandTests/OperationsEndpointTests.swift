import Foundation
import Logging
import Testing
import WasendHTTP
import WasendKafka
import WasendTestSupport

@Suite("Operations endpoints of the services as processes", .serialized)
struct OperationsEndpointTests {
    @Test("the planner serves /healthz, /metrics, and /readyz that follows Redis")
    func plannerOperationsEndpoints() async throws {
        let port = try LoopbackPort.free()
        // Nothing listens on this Redis port: the planner is alive but not ready.
        let deadRedis = try LoopbackPort.free()
        let planner = try WasendProcess([
            "planner", "--metrics-port", "\(port)", "--redis-url", "redis://127.0.0.1:\(deadRedis)/0",
            "--bootstrap-servers", "127.0.0.1:1",
        ])
        let client = try HTTPClient(configuration: .init(protocolVersion: .http1))
        let base = "http://127.0.0.1:\(port)"
        let health = try await eventually { try await client.execute(HTTPRequest(url: base + "/healthz")) }
        #expect(health.status == 200)
        let ready = try await client.execute(HTTPRequest(url: base + "/readyz"))
        #expect(ready.status == 503)
        #expect(String(decoding: ready.body, as: UTF8.self).contains("redis"))
        let metrics = try await client.execute(HTTPRequest(url: base + "/metrics"))
        #expect(metrics.status == 200)
        #expect(metrics.headers.values(for: "Content-Type").first?.hasPrefix("text/plain") == true)
        await client.shutdown()
        planner.signal(SIGKILL)
    }

    @Test("the API's /readyz is 503 naming Kafka while its brokers cannot be reached, and 200 with them")
    func apiReadinessFollowsKafka() async throws {
        let redis = try await RedisServerProcess.start()
        let kafka = try KafkaMockCluster(logger: Logger(label: "wasend.tests.readiness"))
        try kafka.createTopic("wasend.campaigns", partitions: 1)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wasend-ready-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let secret = directory.appendingPathComponent("secret").path
        try Data("readiness-key".utf8).write(to: URL(fileURLWithPath: secret))
        let tenants = directory.appendingPathComponent("tenants.json").path
        try Data(
            """
            {"tenants": [{"id": "acme", "api_keys": [{"file": "\(secret)"}],
              "numbers": [{"phone_number_id": "1001", "business_portfolio_id": "2001", "display_number": "+1 555 0100",
                "access_token": {"file": "\(secret)"}}]}]}
            """.utf8
        ).write(to: URL(fileURLWithPath: tenants))
        let client = try HTTPClient(configuration: .init(protocolVersion: .http1, requestTimeout: .seconds(60)))

        /// `/readyz` of an API on `bootstrapServers`: its status and its checks.
        func readiness(bootstrapServers: String) async throws -> (status: Int, checks: [String: String]) {
            let port = try LoopbackPort.free()
            let api = try WasendProcess([
                "api", "--port", "\(port)", "--tenants", tenants, "--redis-url", redis.url,
                "--bootstrap-servers", bootstrapServers,
            ])
            defer { api.signal(SIGKILL) }
            let response = try await eventually { try await client.execute(HTTPRequest(url: "http://127.0.0.1:\(port)/readyz")) }
            let report = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
            return (response.status, report?["checks"] as? [String: String] ?? [:])
        }

        let unreachable = try await readiness(bootstrapServers: "127.0.0.1:1")
        #expect(unreachable.status == 503)
        #expect(unreachable.checks == ["kafka": "unavailable", "redis": "ok"])
        let reachable = try await readiness(bootstrapServers: kafka.bootstrapServers)
        #expect(reachable.status == 200)
        #expect(reachable.checks == ["kafka": "ok", "redis": "ok"])
        await client.shutdown()
        await redis.stop()
    }

    /// Retries `body` until it stops throwing (the server is starting), for at most a minute.
    private func eventually<Value>(_ body: () async throws -> Value) async throws -> Value {
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            do {
                return try await body()
            } catch where ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }
}
