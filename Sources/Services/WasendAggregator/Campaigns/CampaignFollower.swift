import Foundation
import Logging
import WasendCore
import WasendKafka

/// Follows `wasend.campaigns` (compacted) into the ``CampaignIndex``. Every aggregator reads the
/// whole topic (its own group, from the earliest offset, never committing): a webhook about a
/// portfolio may reach any of them. A record it cannot read is skipped: the API wrote it, and
/// the planner already sends such records to the dead-letter topic.
struct CampaignFollower: Sendable {
    let consumer: KafkaConsumer
    let index: CampaignIndex
    let logger: Logger

    func run() async throws {
        let decoder = JSONDecoder()
        while let batch = try await consumer.nextBatch() {
            for message in batch where !message.value.isEmpty {
                do {
                    index.update(try decoder.decode(CampaignRecord.self, from: Data(message.value)))
                } catch {
                    logger.warning(
                        "unreadable campaign record skipped",
                        metadata: ["partition": "\(message.partition)", "offset": "\(message.offset)"])
                }
            }
        }
    }
}
