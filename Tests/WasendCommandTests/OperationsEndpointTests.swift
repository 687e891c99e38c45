import Foundation
import Testing
import WasendHTTP
import WasendTestSupport

@Suite("Operations endpoints of services without an API", .serialized)
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
