import ArgumentParser
import Foundation
import WasendCloudAPI
import WasendHTTP
import WasendKafka
import WasendLocalServers
import WasendRedis
import WasendTestSupport

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

        let posts = Self.posts(largeEvery: largeEvery)
        let client = try HTTPClient(
            configuration: .init(
                maxInFlight: 4_096, maxConnectionsPerHost: connections, protocolVersion: .http1, requestTimeout: .seconds(30)))
        let load = PacedPosts(client: client, url: "http://127.0.0.1:\(port)/webhooks/meta", posts: posts)
        _ = await load.run(count: rate * 2, rate: rate)
        let cpuBefore = ProcessCPUTime.seconds(of: api.processIdentifier)
        let result = await load.run(count: rate * seconds, rate: rate)
        let cpuAfter = ProcessCPUTime.seconds(of: api.processIdentifier)
        await client.shutdown()

        let answered = result.answers.filter { $0.status == 200 }
        let all = answered.map(\.latency)
        // The first post is the 1,000-status batch (see `posts(largeEvery:)`).
        let large = answered.filter { $0.index % posts.count == 0 }.map(\.latency)
        let sizes = posts.map(\.body.count)
        print("webhook: \(rate) POSTs/s open-loop for \(seconds) s over \(connections) connections; bodies \(sizes.min()!)–\(sizes.max()!) bytes, 1 in \(largeEvery) a 1,000-status batch")
        print("  answered:  \(answered.count) (\(result.answers.count - answered.count) not 200), achieved \(Int(result.achievedRate))/s")
        print("  latency:   median \(all.millisecondsAt(0.5)), p99 \(all.millisecondsAt(0.99)), p99.9 \(all.millisecondsAt(0.999)), max \(all.millisecondsAt(1))")
        print("  1,000-status batches: median \(large.millisecondsAt(0.5)), max \(large.millisecondsAt(1))")
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

    /// Realistic bodies: messages webhooks of 3–16 statuses (1.4–6 KB), and, every `largeEvery`
    /// bodies, a batch of 1,000 statuses, all signed with the app secret.
    private static func posts(largeEvery: Int) -> [PacedPosts.Post] {
        let signature = WebhookSignature(appSecret: appSecret)
        return (0..<max(largeEvery, 1)).map { index in
            let statuses = index == 0 ? 1_000 : 3 + index % 14
            let body = Array(body(statuses: statuses, seed: index).utf8)
            return PacedPosts.Post(
                body: body, headers: ["Content-Type": "application/json", WebhookSignature.headerName: signature.sign(body)])
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
}
