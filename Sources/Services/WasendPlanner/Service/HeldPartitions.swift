import WasendCore
import WasendKafka

/// The partitions of `wasend.recipients` whose next record must wait (its upload is still open,
/// its campaign is paused, scheduled, unknown or at its backlog bound), each with the records
/// fetched behind that one, in order.
///
/// The expansion pauses fetching from a held partition and goes on with the others, so a
/// waiting campaign holds only the partitions where its records are next. What a held
/// partition keeps here is what the consumer had prefetched before the pause: bounded by the
/// consumer's prefetch, not by the campaign's size. A value type: the expander owns it.
struct HeldPartitions: Sendable {
    struct Held: Sendable {
        /// The record that waits first, then those fetched behind it.
        fileprivate(set) var messages: [KafkaConsumerMessage]
        /// The head record, decoded once: it is looked at again every recheck.
        fileprivate(set) var headBatch: RecipientStreamRecord.RecipientBatch?
        var reason: CampaignGate.WaitReason

        var head: KafkaConsumerMessage { messages[0] }
        var campaignID: String? { headBatch?.campaignID }
    }

    private var held: [KafkaTopicPartition: Held] = [:]

    var isEmpty: Bool { held.isEmpty }

    /// The held partitions, in a stable order.
    var partitions: [KafkaTopicPartition] {
        held.keys.sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }
    }

    subscript(partition: KafkaTopicPartition) -> Held? { held[partition] }

    /// Keeps `message` behind its partition's waiting record and returns true, if the partition
    /// is held; a message already kept (delivered again after the partition was reassigned) is
    /// dropped. Returns false for a partition that is not held: the message may be processed.
    mutating func keepIfHeld(_ message: KafkaConsumerMessage) -> Bool {
        let partition = KafkaTopicPartition(topic: message.topic, partition: message.partition)
        guard var entry = held[partition] else { return false }
        if let last = entry.messages.last, message.offset > last.offset {
            held[partition] = nil
            entry.messages.append(message)
            held[partition] = entry
        }
        return true
    }

    /// Starts holding `message`'s partition at `message`; the caller pauses fetching from it.
    mutating func hold(
        _ message: KafkaConsumerMessage, batch: RecipientStreamRecord.RecipientBatch, reason: CampaignGate.WaitReason
    ) {
        held[KafkaTopicPartition(topic: message.topic, partition: message.partition)] = Held(
            messages: [message], headBatch: batch, reason: reason)
    }

    /// The head record of `partition` was processed: the next one becomes the head. Returns
    /// true when nothing is left, in which case the partition is no longer held (the caller
    /// resumes fetching from it).
    mutating func dropHead(of partition: KafkaTopicPartition) -> Bool {
        guard var entry = held.removeValue(forKey: partition) else { return true }
        entry.messages.removeFirst()
        entry.headBatch = nil
        guard !entry.messages.isEmpty else { return true }
        held[partition] = entry
        return false
    }

    /// The head record of `partition` (decoded as `batch`) still waits, now for `reason`.
    mutating func update(
        _ partition: KafkaTopicPartition, batch: RecipientStreamRecord.RecipientBatch, reason: CampaignGate.WaitReason
    ) {
        held[partition]?.headBatch = batch
        held[partition]?.reason = reason
    }
}
