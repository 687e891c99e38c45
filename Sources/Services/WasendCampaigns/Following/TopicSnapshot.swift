import Foundation
import Logging
import Synchronization
import WasendKafka

/// A topic read from its first record to where it ended when the read began: what a restore
/// rebuilds Redis from, since Kafka holds every fact Redis only summarises.
///
/// The reader's consumer is in a group of its own and never commits. A partition is read when a
/// record at its end watermark's last offset arrived. A transaction's commit marker takes an
/// offset no consumer is handed, so a partition that ends with one never gets there: the read
/// also ends once nothing arrived for ``idleEnd`` (and says which partitions stopped short).
public struct TopicSnapshot: Sendable {
    public var topic: String
    /// The consumer's settings (bootstrap servers, isolation level, properties); its group id is
    /// the prefix of the snapshot's own group.
    public var consumer: KafkaConsumerConfiguration
    public var admin: KafkaAdminConfiguration
    public var idleEnd: Duration = .seconds(3)
    /// Joining the group and the first fetch take a while; a read that got nothing by then fails.
    public var firstBatchTimeout: Duration = .seconds(60)

    public init(topic: String, consumer: KafkaConsumerConfiguration, admin: KafkaAdminConfiguration) {
        self.topic = topic
        self.consumer = consumer
        self.admin = admin
    }

    /// What a read found.
    public struct Summary: Sendable {
        public var records: Int
        /// Whether every partition still began at offset 0: retention has dropped nothing, so the
        /// read saw every record ever written.
        public var fromTheFirstRecord: Bool
    }

    /// Hands every batch to `handle`, in order per partition.
    public func read(logger: Logger, _ handle: ([KafkaConsumerMessage]) async throws -> Void) async throws -> Summary {
        let watermarks = try await CampaignFollower.startWatermarks(of: topic, configuration: admin, logger: logger)
        let fromTheFirstRecord = watermarks.values.allSatisfy { $0.low == 0 }
        var remaining = watermarks.filter { $0.value.count > 0 }.mapValues(\.high)
        guard !remaining.isEmpty else { return Summary(records: 0, fromTheFirstRecord: fromTheFirstRecord) }
        var configuration = consumer
        configuration.groupID = "\(consumer.groupID).snapshot.\(UUID().uuidString)"
        configuration.autoCommit = false
        configuration.offsetReset = .earliest
        let kafka = try KafkaConsumer(configuration: configuration, topics: [topic], logger: logger)
        let reading = Mutex(Reading.waitingForFirstBatch(since: .now))
        let (idleEnd, firstBatchTimeout) = (self.idleEnd, self.firstBatchTimeout)
        let watchdog = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(200))
                let stop = reading.withLock { reading in
                    switch reading {
                    case .waitingForFirstBatch(let since) where ContinuousClock.now - since >= firstBatchTimeout:
                        reading = .gaveUp
                        return true
                    case .idle(let since) where ContinuousClock.now - since >= idleEnd:
                        return true
                    default:
                        return false
                    }
                }
                if stop {
                    try? await kafka.shutdown()
                    return
                }
            }
        }
        var read = 0
        var lastOffsets: [Int32: Int64] = [:]
        do {
            while !remaining.isEmpty, let batch = try await kafka.nextBatch() {
                reading.withLock { $0 = .handling }
                try await handle(batch)
                read += batch.count
                for message in batch {
                    lastOffsets[message.partition] = message.offset
                    if let end = remaining[message.partition], message.offset + 1 >= end {
                        remaining[message.partition] = nil
                    }
                }
                reading.withLock { $0 = .idle(since: .now) }
            }
        } catch {
            watchdog.cancel()
            try? await kafka.shutdown()
            throw error
        }
        watchdog.cancel()
        await watchdog.value
        try? await kafka.shutdown()
        // A cancelled wait ends the loop like the end of the topic: a partial read must not pass for a whole one.
        try Task.checkCancellation()
        if case .gaveUp = reading.withLock({ $0 }) {
            throw KafkaError(
                code: .timedOut, message: "no record arrived in \(firstBatchTimeout)", context: "read \(topic) from its start")
        }
        if !remaining.isEmpty {
            logger.notice(
                "topic snapshot ended idle before the end watermark of some partitions (commit markers, or records gone)",
                metadata: [
                    "topic": "\(topic)",
                    "short": "\(remaining.map { "\($0.key): \(lastOffsets[$0.key].map { $0 + 1 } ?? 0) of \($0.value)" })",
                ])
        }
        return Summary(records: read, fromTheFirstRecord: fromTheFirstRecord)
    }

    private enum Reading {
        case waitingForFirstBatch(since: ContinuousClock.Instant)
        case handling
        case idle(since: ContinuousClock.Instant)
        case gaveUp
    }
}
