import Foundation
import Logging
import Synchronization
import WasendCore
import WasendKafka

/// Follows `wasend.campaigns` (compacted) into a ``CampaignDirectory``.
///
/// Every planner and every aggregator reads the whole topic (its own group, from the earliest
/// offset, never committing): any of them may need any campaign. ``caughtUp`` tells when it has
/// read everything that was in the topic when it started: before that, a campaign may be
/// missing or an old version, so work that depends on campaigns waits
/// (``waitUntilCaughtUp(pollingEvery:)``). An unreadable record goes to the dead-letter topic,
/// naming the follower's service.
public final class CampaignFollower: Sendable {
    let consumer: KafkaConsumer
    let directory: CampaignDirectory
    /// Unreadable campaign records go here (outside any transaction: nothing else is produced).
    let deadLetters: KafkaProducer
    let deadLetterTopic: String
    let service: String
    let logger: Logger
    /// Partition → the offset to reach; emptied as partitions are read to their end.
    private let remaining: Mutex<[Int32: Int64]>

    /// - Parameter startWatermarks: the topic's partitions as they were before `consumer` started
    ///   (``startWatermarks(of:configuration:logger:)``): what must be read to be caught up.
    public init(
        consumer: KafkaConsumer, directory: CampaignDirectory, deadLetters: KafkaProducer, deadLetterTopic: String,
        service: String, startWatermarks: [Int32: KafkaWatermarks], logger: Logger
    ) {
        self.consumer = consumer
        self.directory = directory
        self.deadLetters = deadLetters
        self.deadLetterTopic = deadLetterTopic
        self.service = service
        self.logger = logger
        self.remaining = Mutex(startWatermarks.filter { $0.value.count > 0 }.mapValues(\.high))
    }

    /// The end of every partition of `topic` now: the follower's catch-up mark.
    public static func startWatermarks(
        of topic: String, configuration: KafkaAdminConfiguration, logger: Logger
    ) async throws -> [Int32: KafkaWatermarks] {
        let client = try KafkaAdmin(configuration: configuration, logger: logger)
        var watermarks: [Int32: KafkaWatermarks] = [:]
        for partition in 0..<Int32(try await client.partitionCount(of: topic)) {
            watermarks[partition] = try await client.watermarks(of: KafkaTopicPartition(topic: topic, partition: partition))
        }
        return watermarks
    }

    public var caughtUp: Bool { remaining.withLock { $0.isEmpty } }

    /// Returns once the topic was read up to its start watermarks; throws when cancelled.
    public func waitUntilCaughtUp(pollingEvery interval: Duration) async throws {
        while !caughtUp {
            try await Task.sleep(for: interval)
        }
    }

    public func run() async throws {
        let decoder = JSONDecoder()
        while let batch = try await consumer.nextBatch() {
            for message in batch where !message.value.isEmpty {
                do {
                    directory.update(try decoder.decode(CampaignRecord.self, from: Data(message.value)))
                } catch {
                    logger.error(
                        "unreadable campaign record sent to the dead-letter topic",
                        metadata: ["partition": "\(message.partition)", "offset": "\(message.offset)"])
                    _ = try await deadLetters.send(
                        .deadLetter(
                            of: message, to: deadLetterTopic, service: service, reason: "unreadable_record",
                            detail: "\(error)"))
                }
            }
            remaining.withLock { remaining in
                for message in batch where remaining[message.partition].map({ message.offset + 1 >= $0 }) == true {
                    remaining[message.partition] = nil
                }
            }
        }
    }
}
