import DequeModule
import WasendKafka

/// Which offsets may be stored: per partition, the end of the run of messages whose output is
/// durable, with no unfinished message before it.
///
/// Jobs finish out of order (sends take different times, some wait), but a Kafka offset covers
/// every message before it, so a partition's stored offset only moves past a message once that
/// message and all before it are done. A partition fetched again from an older offset (revoked
/// and assigned back) starts a new generation: what the previous one still had open is forgotten,
/// since Kafka delivers it again.
struct OffsetTracker: Sendable {
    /// A message the tracker follows, as the pipeline carries it.
    struct Ticket: Sendable, Hashable {
        var partition: KafkaTopicPartition
        var offset: Int64
        var generation: Int
    }

    private struct PartitionState {
        var generation = 0
        var lastOffset: Int64 = -1
        var open: Deque<Int64> = []
        var done: Set<Int64> = []
    }

    private var partitions: [KafkaTopicPartition: PartitionState] = [:]

    /// What receiving a message means: a ticket, and whether the partition started over (the
    /// caller then drops what it holds of that partition's older generation).
    mutating func receive(_ message: KafkaConsumerMessage) -> (ticket: Ticket, restarted: Bool) {
        let partition = KafkaTopicPartition(topic: message.topic, partition: message.partition)
        var state = partitions[partition] ?? PartitionState()
        var restarted = false
        if message.offset <= state.lastOffset {
            state = PartitionState(generation: state.generation + 1)
            restarted = true
        }
        state.lastOffset = message.offset
        state.open.append(message.offset)
        partitions[partition] = state
        return (Ticket(partition: partition, offset: message.offset, generation: state.generation), restarted)
    }

    /// Marks a message done; returns the message to store for its partition when the stored
    /// offset can move (the last of the run now complete), `nil` otherwise.
    mutating func finish(_ ticket: Ticket) -> KafkaConsumerMessage? {
        guard var state = partitions[ticket.partition], state.generation == ticket.generation else { return nil }
        state.done.insert(ticket.offset)
        var last: Int64?
        while let first = state.open.first, state.done.remove(first) != nil {
            state.open.removeFirst()
            last = first
        }
        partitions[ticket.partition] = state
        return last.map {
            KafkaConsumerMessage(
                topic: ticket.partition.topic, partition: ticket.partition.partition, offset: $0, key: nil, value: [],
                headers: [], timestampMilliseconds: nil)
        }
    }

    /// Whether a ticket still belongs to its partition's current generation.
    func isCurrent(_ ticket: Ticket) -> Bool {
        partitions[ticket.partition]?.generation == ticket.generation
    }
}
