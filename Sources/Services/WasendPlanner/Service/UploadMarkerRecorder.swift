import Logging
import WasendCore
import WasendKafka

/// Reads `wasend.recipients` ahead of the expansion (its own consumer group) and records each
/// upload's commit or abort marker in Redis.
///
/// An upload's batches are spread over the partitions and its marker, written once they are all
/// acknowledged, is keyed by campaign; the expansion must not touch a batch before its upload
/// committed. This reader is how the expansion learns about a marker in another partition, or
/// behind batches it has not reached, without holding batches in memory.
struct UploadMarkerRecorder: Sendable {
    /// Markers are a few hundred bytes; batch records of more than a handful of recipients are
    /// larger and are not decoded here.
    static let largestMarker = 2_048

    let consumer: KafkaConsumer
    let store: PlannerStore
    let logger: Logger

    func run() async throws {
        while let batch = try await consumer.nextBatch() {
            for message in batch where message.value.count <= Self.largestMarker {
                // Unreadable records are the expansion's to dead-letter.
                switch try? RecipientStreamRecord(json: message.value) {
                case .commit(let commit):
                    try await store.recordUpload(
                        .committed(batches: commit.batches), campaignID: commit.campaignID, uploadID: commit.uploadID)
                case .abort(let abort):
                    try await store.recordUpload(.aborted, campaignID: abort.campaignID, uploadID: abort.uploadID)
                case .batch, nil:
                    continue
                }
            }
            try consumer.store(batch)
        }
    }
}
