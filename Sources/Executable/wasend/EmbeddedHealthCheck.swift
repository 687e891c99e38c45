import Foundation
import Logging
import WasendKafka
import WasendRedis

/// Proves that the embedded Kafka and Redis of `wasend dev` work end to end: a record makes the
/// round trip through a topic and a consumer group, and a value through Redis.
struct EmbeddedHealthCheck {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let bootstrapServers: String
    let topic: String
    let redis: RedisClient
    let logger: Logger

    /// Returns one line per part, or throws naming the part that failed.
    func run() async throws -> [String] {
        [try await checkKafka(), try await checkRedis()]
    }

    private func checkKafka() async throws -> String {
        let marker = "health-\(UUID().uuidString)"
        let started = ContinuousClock.now
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(bootstrapServers: bootstrapServers), logger: logger)
        let report = try await producer.send(KafkaProducerRecord(topic: topic, key: marker, value: Array(marker.utf8)))
        try await producer.shutdown()

        var configuration = KafkaConsumerConfiguration(bootstrapServers: bootstrapServers, groupID: marker)
        configuration.offsetReset = .earliest
        let consumer = try KafkaConsumer(configuration: configuration, topics: [topic], logger: logger)
        let seen = try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                // A cancelled wait returns nil, which ends the loop.
                while let batch = try await consumer.nextBatch() {
                    try consumer.store(batch)
                    if batch.contains(where: { $0.value == Array(marker.utf8) }) { return true }
                }
                return false
            }
            group.addTask {
                try await Task.sleep(for: .seconds(30))
                return false
            }
            let first = try await group.next() ?? false
            group.cancelAll()
            return first
        }
        try await consumer.shutdown()
        guard seen else {
            throw Failure(description: "kafka: the record produced to \(topic) was not consumed back within 30 s")
        }
        let elapsed = ContinuousClock.now - started
        return "kafka ok: produced with acks=all to \(topic)[\(report.partition)]@\(report.offset) and consumed back by a group in \(elapsed)"
    }

    private func checkRedis() async throws -> String {
        let key = "wasend:dev:health"
        let value = UUID().uuidString
        try await redis.send("SET", key, value, "EX", 60)
        let read = try await redis.send("GET", key).string
        guard read == value else {
            throw Failure(description: "redis: wrote \(value) to \(key) but read back \(read ?? "nothing")")
        }
        let version = try await redis.send("INFO", "server").string?
            .split(separator: "\r\n").first { $0.hasPrefix("redis_version:") }?
            .dropFirst("redis_version:".count) ?? "?"
        return "redis ok: redis-server \(version) at \(redis.configuration) wrote and read back a value"
    }
}
