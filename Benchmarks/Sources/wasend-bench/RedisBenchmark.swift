import ArgumentParser
import Foundation
import WasendLocalServers
import WasendRedis

/// `wasend-bench redis`: pipelined commands/s, single round trips/s and Lua `EVALSHA` calls/s
/// through `RedisClient`, against a `redis-server` it starts (or one given by `--url`).
struct RedisBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redis",
        abstract: "Redis adapter: pipelined commands/s, round trips/s, EVALSHA calls/s.")

    @Option(help: "Use this server instead of starting redis-server (its data is overwritten).")
    var url: String?

    @Option(help: "Connections in the pool, and concurrent tasks.")
    var connections = 4

    @Option(help: "Commands per pipeline.")
    var pipelineSize = 1_000

    @Option(help: "Commands sent in the pipelined runs.")
    var commands = 2_000_000

    @Option(help: "Round trips in the single-command run.")
    var roundTrips = 100_000

    /// A token bucket of the kind the sender runs: refill by elapsed time, take one if possible.
    static let tokenBucket = RedisScript(
        """
        local tokens = tonumber(redis.call('HGET', KEYS[1], 't') or ARGV[2])
        local last = tonumber(redis.call('HGET', KEYS[1], 'ts') or ARGV[1])
        local now = tonumber(ARGV[1])
        tokens = math.min(tonumber(ARGV[2]), tokens + (now - last) * tonumber(ARGV[3]))
        local taken = 0
        if tokens >= 1 then tokens = tokens - 1; taken = 1 end
        redis.call('HSET', KEYS[1], 't', tokens, 'ts', now)
        return taken
        """)

    func run() async throws {
        let server = url == nil ? try await RedisServerProcess.start() : nil
        defer { withExtendedLifetime(server) {} }
        var configuration = try RedisConfiguration(url: url ?? server!.url)
        configuration.maximumConnections = connections
        let redis = try RedisClient(configuration: configuration)
        defer { redis.shutDown() }
        try await redis.send("FLUSHALL")

        print("redis: \(connections) connections, pipelines of \(pipelineSize)")
        let pipelined = try await measure(commands) {
            try await pipelines(redis, count: commands) { pipeline, index in
                if index.isMultiple(of: 2) {
                    pipeline.append("INCR", "bench:counter:\(index % 64)")
                } else {
                    pipeline.append("SET", "bench:key:\(index % 1_024)", index)
                }
            }
        }
        print("  pipelined INCR/SET:   \(format(pipelined)) commands/s")

        let scripts = try await measure(commands / 4) {
            try await pipelines(redis, count: commands / 4) { pipeline, index in
                pipeline.append(Self.tokenBucket, keys: ["bench:bucket:{\(index % 256)}"], arguments: [index, 80, 80])
            }
        }
        print("  pipelined EVALSHA:    \(format(scripts)) script calls/s")

        let single = try await measure(roundTrips) {
            try await concurrently(total: roundTrips) { index in
                try await redis.send("INCR", "bench:single:\(index % 64)")
            }
        }
        print("  single INCR:          \(format(single)) round trips/s")

        let singleScripts = try await measure(roundTrips) {
            try await concurrently(total: roundTrips) { index in
                try await redis.run(Self.tokenBucket, keys: ["bench:bucket:{\(index % 256)}"], arguments: [index, 80, 80])
            }
        }
        print("  single EVALSHA:       \(format(singleScripts)) round trips/s")
    }

    /// Sends `count` commands in pipelines of `pipelineSize`, `connections` pipelines at a time.
    private func pipelines(
        _ redis: RedisClient, count: Int, fill: @escaping @Sendable (inout RedisPipeline, Int) -> Void
    ) async throws {
        let size = pipelineSize
        let batches = (count + size - 1) / size
        try await concurrently(total: batches) { batch in
            var pipeline = RedisPipeline(reservingCommands: size)
            for index in batch * size..<min(count, (batch + 1) * size) {
                fill(&pipeline, index)
            }
            let replies = try await redis.execute(pipeline)
            if let error = replies.first(where: { $0.errorMessage != nil }) {
                throw RedisError(.server, error.errorMessage ?? "")
            }
        }
    }

    /// Runs `work(0..<total)` on `connections` tasks.
    private func concurrently(total: Int, _ work: @escaping @Sendable (Int) async throws -> Void) async throws {
        let workers = connections
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<workers {
                group.addTask {
                    for index in stride(from: worker, to: total, by: workers) {
                        try await work(index)
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
