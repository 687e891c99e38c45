import ArgumentParser
import Foundation
import Synchronization
import WasendCloudAPI
import WasendHTTP
import WasendKafka
import WasendLocalServers
import WasendRedis

/// `wasend-bench webhook`: how fast `wasend api` acknowledges Meta's webhooks at a steady arrival
/// rate, each one verified and stored on `wasend.webhooks` (acks=all) before its 200.
///
/// The load is open-loop, as Meta's is: POSTs start on a fixed schedule whatever the answers do,
/// and each latency is measured from the POST's scheduled start, so a stall shows in the figures
/// instead of slowing the load down. `wasend api` runs as a child process (the release executable),
/// so its CPU time per webhook is its own; the mock cluster and redis-server run in this process.
struct WebhookBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhook",
        abstract: "Answer latency and CPU per webhook of `wasend api` at a paced rate of signed POSTs.")

    @Option(help: "Webhook POSTs per second.")
    var rate = 2_000

    @Option(help: "Seconds of timed load (after a warm-up of 2 s).")
    var seconds = 20

    @Option(help: "One POST in this many carries a batch of 1,000 statuses (about 380 KB); the others 1.4–6 KB.")
    var largeEvery = 500

    @Option(help: "HTTP/1.1 connections to the API (Meta opens several).")
    var connections = 64

    @Option(help: "The wasend executable. Env: WASEND_EXECUTABLE. Default: the one next to wasend-bench (`swift build -c release --package-path Benchmarks --product wasend`).")
    var wasend = ProcessInfo.processInfo.environment["WASEND_EXECUTABLE"]
        ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("wasend").path

    private static let appSecret = "bench-app-secret"

    func run() async throws {
        let kafka = try KafkaMockCluster()
        try kafka.createTopic("wasend.webhooks", partitions: 16)
        try kafka.createTopic("wasend.campaigns", partitions: 1)
        let redis = try await RedisServerProcess.start()
        defer { Task { await redis.stop() } }
        let port = try LoopbackPort.free()
        let api = try startAPI(port: port, bootstrap: kafka.bootstrapServers, redisURL: redis.url)
        defer { api.terminate() }
        try await LoopbackPort.waitUntilAccepting(port, timeout: .seconds(30)) { api.isRunning }

        let bodies = Self.bodies(largeEvery: largeEvery)
        let client = try HTTPClient(
            configuration: .init(
                maxInFlight: 4_096, maxConnectionsPerHost: connections, protocolVersion: .http1, requestTimeout: .seconds(30)))
        let url = "http://127.0.0.1:\(port)/webhooks/meta"
        _ = try await load(client: client, url: url, bodies: bodies, count: rate * 2)
        let cpuBefore = ProcessCPUTime.seconds(of: api.processIdentifier)
        let result = try await load(client: client, url: url, bodies: bodies, count: rate * seconds)
        let cpuAfter = ProcessCPUTime.seconds(of: api.processIdentifier)
        await client.shutdown()

        let sizes = bodies.map(\.body.count)
        print("webhook: \(rate) POSTs/s open-loop for \(seconds) s over \(connections) connections; bodies \(sizes.min()!)–\(sizes.max()!) bytes, 1 in \(largeEvery) a 1,000-status batch")
        print("  answered:  \(result.small.count + result.large.count) (\(result.failures) not 200), achieved \(Int(result.achievedRate))/s")
        print("  latency:   median \(Self.milliseconds(result.all, 0.5)), p99 \(Self.milliseconds(result.all, 0.99)), p99.9 \(Self.milliseconds(result.all, 0.999)), max \(Self.milliseconds(result.all, 1))")
        print("  1,000-status batches: median \(Self.milliseconds(result.large, 0.5)), max \(Self.milliseconds(result.large, 1))")
        if let cpuBefore, let cpuAfter {
            let perRequest = (cpuAfter - cpuBefore) / Double(rate * seconds) * 1e6
            print("  api CPU:   \(String(format: "%.0f", perRequest)) µs per webhook (all its threads), \(String(format: "%.0f", (cpuAfter - cpuBefore) / Double(seconds) * 100)) % of one core")
        }
    }

    private func startAPI(port: Int, bootstrap: String, redisURL: String) throws -> Process {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wasend-bench-webhook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let tenants = directory.appendingPathComponent("tenants.json")
        try Data(#"{"tenants": [{"id": "bench", "api_keys": [{"env": "BENCH_API_KEY"}], "numbers": []}]}"#.utf8).write(to: tenants)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wasend)
        process.arguments = ["api", "--port", String(port)]
        process.environment = ProcessInfo.processInfo.environment.merging([
            "WASEND_KAFKA_BOOTSTRAP": bootstrap, "WASEND_REDIS_URL": redisURL, "WASEND_TENANTS": tenants.path,
            "BENCH_API_KEY": "bench-api-key-0123456789", "WASEND_WEBHOOK_APP_SECRET": Self.appSecret,
            "WASEND_WEBHOOK_VERIFY_TOKEN": "bench-verify-token",
        ]) { _, new in new }
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    private struct SignedBody: Sendable {
        var body: [UInt8]
        var signature: String
        var isLarge: Bool
    }

    /// Filled by the POSTs' tasks as their answers arrive.
    private final class Outcomes: Sendable {
        let result = Mutex(LoadResult())
    }

    private struct LoadResult {
        var small: [Duration] = []
        var large: [Duration] = []
        var failures = 0
        var achievedRate = 0.0
        var all: [Duration] { small + large }
    }

    /// Starts `count` POSTs at `rate` per second on a fixed schedule; each latency runs from the
    /// POST's scheduled start to its answer.
    private func load(client: HTTPClient, url: String, bodies: [SignedBody], count: Int) async throws -> LoadResult {
        let clock = ContinuousClock()
        let interval = Duration.seconds(1) / rate
        let start = clock.now + .milliseconds(50)
        let outcomes = Outcomes()
        await withDiscardingTaskGroup { group in
            for index in 0..<count {
                let scheduled = start + interval * index
                try? await Task.sleep(until: scheduled, tolerance: .microseconds(100), clock: clock)
                let signed = bodies[index % bodies.count]
                group.addTask {
                    let request = HTTPRequest(
                        method: .post, url: url,
                        headers: ["Content-Type": "application/json", WebhookSignature.headerName: signed.signature],
                        body: signed.body)
                    let status = (try? await client.execute(request))?.status
                    let latency = clock.now - scheduled
                    outcomes.result.withLock { result in
                        if status != 200 {
                            result.failures += 1
                        } else if signed.isLarge {
                            result.large.append(latency)
                        } else {
                            result.small.append(latency)
                        }
                    }
                }
            }
        }
        let elapsed = clock.now - start
        return outcomes.result.withLock { result in
            result.achievedRate = Double(count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            return result
        }
    }

    /// Realistic bodies: messages webhooks of 3–16 statuses (1.4–6 KB), and, every `largeEvery`
    /// bodies, a batch of 1,000 statuses, all signed with the app secret.
    private static func bodies(largeEvery: Int) -> [SignedBody] {
        let signature = WebhookSignature(appSecret: appSecret)
        return (0..<max(largeEvery, 1)).map { index in
            let isLarge = index == 0
            let statuses = isLarge ? 1_000 : 3 + index % 14
            let body = Array(body(statuses: statuses, seed: index).utf8)
            return SignedBody(body: body, signature: signature.sign(body), isLarge: isLarge)
        }
    }

    private static func body(statuses count: Int, seed: Int) -> String {
        let states = ["sent", "delivered", "read"]
        let statuses = (0..<count).map { offset in
            let job = seed * 10_000 + offset
            return """
                {"id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI\(String(job, radix: 16).uppercased())QjZCMzlEQUE4OTJBMTE4RTUA","status":"\(states[job % 3])",\
                "timestamp":"\(1_698_266_945 + offset)","recipient_id":"1650555\(String(format: "%04d", job % 10_000))",\
                "biz_opaque_callback_data":"cmp_8f2a1c-\(job)","conversation":{"id":"7270432eae37498234f4444b35ffc5",\
                "expiration_timestamp":"1698339900","origin":{"type":"marketing"}},\
                "pricing":{"billable":true,"pricing_model":"PMP","category":"marketing"}}
                """
        }
        return """
            {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":\
            {"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},\
            "statuses":[\(statuses.joined(separator: ","))]},"field":"messages"}]}]}
            """
    }

    private static func milliseconds(_ latencies: [Duration], _ fraction: Double) -> String {
        guard !latencies.isEmpty else { return "-" }
        let sorted = latencies.sorted()
        let latency = sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
        let value = Double(latency.components.seconds) * 1e3 + Double(latency.components.attoseconds) / 1e15
        return String(format: "%.2f ms", value)
    }
}
