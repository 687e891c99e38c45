import ArgumentParser
import Foundation
import Synchronization
import WasendCore
import WasendLimits
import WasendLocalServers
import WasendRedis

/// `wasend-bench limiter`: admissions/s through `SendLimiter` with limits set high (so every job
/// runs the whole script: throughput slot, pair key, tier window), and ledger reserve + finish/s,
/// against a `redis-server` it starts (or one given by `--url`).
struct LimiterBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "limiter",
        abstract: "Send limiter admissions/s and send ledger reserve+finish/s.")

    @Option(help: "Use this server instead of starting redis-server (its data is overwritten).")
    var url: String?

    @Option(help: "Connections in the pool, and concurrent callers.")
    var connections = 4

    @Option(help: "Jobs per admit / reserve / finish call.")
    var batchSize = 100

    @Option(help: "Sending numbers the jobs spread over (one portfolio each); a batch is one number's.")
    var numbers = 8

    @Option(help: "Jobs admitted, and reserved and finished, per run.")
    var jobs = 200_000

    func run() async throws {
        let server = url == nil ? try await RedisServerProcess.start() : nil
        defer { withExtendedLifetime(server) {} }
        var configuration = try RedisConfiguration(url: url ?? server!.url)
        configuration.maximumConnections = connections
        let redis = try RedisClient(configuration: configuration)
        defer { redis.shutDown() }
        try await redis.send("FLUSHALL")

        let batches = try makeBatches()
        print("limiter: \(jobs) jobs in batches of \(batchSize) over \(numbers) numbers, \(connections) connections")
        let limiter = SendLimiter(redis: redis)
        for tier in [MessagingTier.unlimited, .tier100K] {
            try await redis.send("FLUSHALL")
            let limits = NumberLimits(messagesPerSecond: 1_000_000_000, tier: tier)
            let admitted = Counter()
            let rate = try await measure(jobs) {
                try await concurrently(batches) { batch in
                    let admissions = try await limiter.admit(batch) { _ in limits }
                    admitted.add(admissions.count { if case .admitted = $0 { true } else { false } })
                }
            }
            print("  admit, tier \(tier):\(String(repeating: " ", count: max(0, 10 - "\(tier)".count))) \(format(rate)) jobs/s  \(String(format: "%6.2f", 1e6 / rate)) µs/job  (\(admitted.value) admitted)")
        }

        try await redis.send("FLUSHALL")
        try await redis.send("HSET", CampaignKeys.campaign("bench"), CampaignKeys.CampaignField.state, "running")
        let ledger = SendLedger(redis: redis)
        let rate = try await measure(jobs) {
            try await concurrently(batches) { batch in
                _ = try await ledger.reserve(batch, owner: "bench")
                let now = Timestamp(millisecondsSinceEpoch: 0)
                try await ledger.finish(batch.map {
                    SendOutcome(job: $0, finishedAt: now, result: .accepted(wamid: "wamid.\($0.jobID)", messageStatus: .accepted))
                })
            }
        }
        print("  ledger reserve+finish:   \(format(rate)) jobs/s  \(String(format: "%6.2f", 1e6 / rate)) µs/job")
    }

    /// Distinct recipients, each batch one number's, so the figures include the tier window's growth.
    private func makeBatches() throws -> [[SendJob]] {
        let size = batchSize
        return try stride(from: 0, to: jobs, by: size).enumerated().map { batch, start in
            let number = batch % numbers
            return try (start..<min(start + size, jobs)).map { index in
                let recipient = try PhoneNumber(e164Digits: "4915" + String(100_000_000 + index).dropFirst())
                return SendJob(
                    jobID: JobID(campaignID: "bench", recipient: recipient), campaignID: "bench",
                    phoneNumberID: "n\(number)", portfolioID: "p\(number)", recipient: recipient, category: .marketing,
                    message: .text(TextMessage(body: "hi")))
            }
        }
    }

    /// Runs `work` on every batch from `connections` tasks.
    private func concurrently(_ batches: [[SendJob]], _ work: @escaping @Sendable ([SendJob]) async throws -> Void) async throws {
        let workers = connections
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<workers {
                group.addTask {
                    for index in stride(from: worker, to: batches.count, by: workers) {
                        try await work(batches[index])
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    private func measure(_ operations: Int, _ body: () async throws -> Void) async throws -> Double {
        let elapsed = try await ContinuousClock().measure { try await body() }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Double(operations) / seconds
    }

    private func format(_ rate: Double) -> String {
        String(format: "%10.0f", rate)
    }
}

/// Admitted jobs, summed across the benchmark's tasks.
private final class Counter: Sendable {
    private let count = Mutex(0)
    func add(_ value: Int) { count.withLock { $0 += value } }
    var value: Int { count.withLock { $0 } }
}
