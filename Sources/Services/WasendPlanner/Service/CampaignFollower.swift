import Foundation
import Logging
import Synchronization
import WasendCampaigns
import WasendCore
import WasendKafka

/// Follows `wasend.campaigns` (compacted) into the ``CampaignDirectory``.
///
/// Every planner reads the whole topic (its own group, from the earliest offset, never
/// committing), since any planner may get any campaign's recipients. ``caughtUp`` tells when
/// it has read everything that was in the topic when it started: before that, a campaign's
/// state may be an old version, so recipients wait.
final class CampaignFollower: Sendable {
    let consumer: KafkaConsumer
    let directory: CampaignDirectory
    /// Unreadable campaign records go here (outside any transaction: nothing else is produced).
    let deadLetters: KafkaProducer
    let topics: WasendTopics
    let logger: Logger
    /// Partition → the offset to reach; emptied as partitions are read to their end.
    private let remaining: Mutex<[Int32: Int64]>

    init(
        consumer: KafkaConsumer, directory: CampaignDirectory, deadLetters: KafkaProducer, topics: WasendTopics,
        startWatermarks: [Int32: KafkaWatermarks], logger: Logger
    ) {
        self.consumer = consumer
        self.directory = directory
        self.deadLetters = deadLetters
        self.topics = topics
        self.logger = logger
        self.remaining = Mutex(startWatermarks.filter { $0.value.count > 0 }.mapValues(\.high))
    }

    var caughtUp: Bool { remaining.withLock { $0.isEmpty } }

    func run() async throws {
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
                            of: message, to: topics.deadLetters, service: "planner", reason: "unreadable_record",
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
