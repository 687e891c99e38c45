import ArgumentParser
import Dispatch
import Foundation
import Logging
import ServiceLifecycle
import WasendAPI
import WasendCampaigns
import WasendKafka
import WasendLocalServers
import WasendRedis
import WasendTenants

/// `wasend-bench upload`: recipients per second through `POST /v1/campaigns/{id}/recipients`,
/// from an NDJSON body to acknowledged batches on the embedded Kafka.
///
/// The API runs in this process on the mock cluster and a redis-server child, as `wasend dev`
/// runs it; the client is `curl` in a process of its own, sending the body from a file.
struct UploadBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload",
        abstract: "Recipients per second through the campaign API's NDJSON upload into the embedded Kafka."
    )

    @Option(help: "Recipients in the upload.")
    var recipients = 1_000_000

    @Option(help: "Partitions of the recipients topic.")
    var partitions = 64

    @Option(help: "Uploads to time, one after the other (each to a campaign of its own).")
    var runs = 3

    static let apiKey = "bench-key-0123456789"

    func run() async throws {
        var logger = Logger(label: "wasend-bench.upload")
        logger.logLevel = .error
        let cluster = try KafkaMockCluster(brokers: 1, logger: logger)
        let topics = WasendTopics(prefix: "bench.")
        for topic in topics.all {
            try cluster.createTopic(topic, partitions: topic == topics.recipients ? partitions : 4)
        }
        let redisServer = try await RedisServerProcess.start()
        let redis = try RedisClient(configuration: redisServer.configuration)
        let producer = try KafkaProducer(configuration: .init(bootstrapServers: cluster.bootstrapServers), logger: logger)
        let port = try LoopbackPort.free()
        let tenants = try TenantDirectory(tenants: [
            Tenant(
                id: "bench", apiKeys: [Secret(Self.apiKey)],
                numbers: [
                    SenderNumber(
                        phoneNumberID: "106540352242922", businessPortfolioID: "102290129340398",
                        displayNumber: "+1 555 0100", accessToken: Secret("unused"))
                ])
        ])
        let api = CampaignAPI(
            configuration: APIConfiguration(port: port, topics: topics), tenants: tenants,
            publisher: KafkaRecordPublisher(producer: producer), campaignStore: RedisCampaignStore(redis: redis),
            idempotencyStore: RedisIdempotencyStore(redis: redis), logger: logger)
        let group = ServiceGroup(services: [APIService(api: api)], logger: logger)
        let server = Task { try await group.run() }

        let body = FileManager.default.temporaryDirectory.appendingPathComponent("wasend-upload-\(UUID().uuidString).ndjson")
        defer { try? FileManager.default.removeItem(at: body) }
        let bytes = try Self.writeBody(recipients: recipients, to: body)
        let base = "http://127.0.0.1:\(port)"
        try await Self.waitUntilServing(base)
        print("upload: \(recipients) recipients, \(bytes / 1_000_000) MB of NDJSON, \(partitions) recipient partitions, curl as the client")

        var rates: [Double] = []
        for run in 1...runs {
            let created = try await Self.curl([
                "-X", "POST", "\(base)/v1/campaigns", "-H", "Content-Type: application/json",
                "--data-binary",
                #"{"name":"bench","from":"106540352242922","category":"MARKETING","template":{"name":"offer","language_code":"en_US","components":[{"type":"body","parameters":[{"type":"text","text":"{{name}}"}]}]}}"#,
            ])
            guard let object = try JSONSerialization.jsonObject(with: Data(created.utf8)) as? [String: Any],
                let id = object["id"] as? String
            else { throw ValidationError("campaign creation answered \(created)") }
            let started = ContinuousClock.now
            let cpuBefore = Self.processCPUSeconds()
            // `Expect:` off: curl would otherwise wait a second for a 100 Continue that Hummingbird does not send.
            let answer = try await Self.curl([
                "-X", "POST", "\(base)/v1/campaigns/\(id)/recipients", "-H", "Content-Type: application/x-ndjson",
                "-H", "Expect:", "--data-binary", "@\(body.path)",
            ])
            let elapsed = ContinuousClock.now - started
            let cpu = Self.processCPUSeconds() - cpuBefore
            guard answer.contains("\"recipients\":\(recipients)") else { throw ValidationError("the upload answered \(answer)") }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            rates.append(Double(recipients) / seconds)
            print(
                String(
                    format: "  run %d: %.2f s, %.0f recipients/s; API and embedded Kafka CPU %.2f µs/recipient (%.0f recipients per CPU-second)",
                    run, seconds, Double(recipients) / seconds, cpu * 1e6 / Double(recipients), Double(recipients) / cpu))
        }
        print(String(format: "  best %.0f recipients/s, median %.0f", rates.max() ?? 0, rates.sorted()[rates.count / 2]))

        await group.triggerGracefulShutdown()
        try await server.value
        try await producer.shutdown()
        redis.shutDown()
        await redisServer.stop()
    }

    /// NDJSON rows as a client would send them: phone, opt-in and one variable.
    private static func writeBody(recipients: Int, to url: URL) throws -> Int {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let file = try FileHandle(forWritingTo: url)
        defer { try? file.close() }
        var total = 0
        for start in stride(from: 0, to: recipients, by: 100_000) {
            var chunk = ""
            for index in start..<min(start + 100_000, recipients) {
                chunk += #"{"phone":"+4915\#(100_000_000 + index)","opt_in":true,"variables":{"name":"r\#(index)"}}"#
                chunk += "\n"
            }
            let data = Data(chunk.utf8)
            total += data.count
            try file.write(contentsOf: data)
        }
        return total
    }

    /// User and system CPU time of this process (the API, the mock brokers, the Kafka and Redis clients).
    private static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    private static func waitUntilServing(_ base: String) async throws {
        for _ in 0..<100 {
            if (try? await curl(["\(base)/healthz"])) != nil { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ValidationError("the API did not start")
    }

    /// Runs curl with the API key on a thread of its own (it blocks) and returns the body; fails
    /// on a transport error or an HTTP error status.
    private static func curl(_ arguments: [String]) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try runCurl(arguments) })
            }
        }
    }

    private static func runCurl(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-sS", "--fail-with-body", "-H", "Authorization: Bearer \(apiKey)"] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw ValidationError("curl \(arguments.first ?? "") exited with \(process.terminationStatus): \(text)")
        }
        return text
    }
}
