import HeapModule
import WasendCore
import WasendKafka

/// Jobs held in memory until they are due: their not-before time, a short limit delay, or the
/// next look at a paused campaign or a stopped number.
///
/// It is bounded twice: a partition holding `maxPerPartition` jobs is paused (it fetches again
/// once it holds half as many), so one waiting partition never stalls the others; and the
/// feeder waits while `maxTotal` jobs are held. Earliest due first, arrival order among equals.
struct WaitingRoom: Sendable {
    private struct Entry: Comparable, Sendable {
        var due: Timestamp
        var sequence: UInt64
        var pending: PendingJob

        static func < (lhs: Entry, rhs: Entry) -> Bool {
            (lhs.due, lhs.sequence) < (rhs.due, rhs.sequence)
        }

        static func == (lhs: Entry, rhs: Entry) -> Bool {
            lhs.due == rhs.due && lhs.sequence == rhs.sequence
        }
    }

    let maxPerPartition: Int
    let maxTotal: Int
    private var entries = Heap<Entry>()
    private var sequence: UInt64 = 0
    private var heldPerPartition: [KafkaTopicPartition: Int] = [:]
    private(set) var pausedPartitions: Set<KafkaTopicPartition> = []

    init(maxPerPartition: Int, maxTotal: Int) {
        self.maxPerPartition = max(1, maxPerPartition)
        self.maxTotal = max(1, maxTotal)
    }

    var count: Int { entries.count }
    var isFull: Bool { entries.count >= maxTotal }
    /// When the earliest held job is due.
    var nextDue: Timestamp? { entries.min?.due }

    /// Holds `pending` until `due`; returns the partition to pause when it just reached its bound.
    mutating func hold(_ pending: PendingJob, until due: Timestamp) -> KafkaTopicPartition? {
        sequence &+= 1
        entries.insert(Entry(due: due, sequence: sequence, pending: pending))
        let partition = pending.ticket.partition
        let held = heldPerPartition[partition, default: 0] + 1
        heldPerPartition[partition] = held
        guard held >= maxPerPartition, pausedPartitions.insert(partition).inserted else { return nil }
        return partition
    }

    /// Up to `limit` jobs due at `now`, earliest first, and the partitions that may fetch again.
    mutating func takeDue(at now: Timestamp, limit: Int) -> (jobs: [PendingJob], resume: [KafkaTopicPartition]) {
        var jobs: [PendingJob] = []
        var resume: [KafkaTopicPartition] = []
        while jobs.count < limit, let first = entries.min, first.due <= now {
            let pending = entries.removeMin().pending
            let partition = pending.ticket.partition
            let held = heldPerPartition[partition, default: 1] - 1
            heldPerPartition[partition] = held == 0 ? nil : held
            if held <= maxPerPartition / 2, pausedPartitions.remove(partition) != nil {
                resume.append(partition)
            }
            jobs.append(pending)
        }
        return (jobs, resume)
    }

    /// Every held job, for a shutdown that lets them be fetched again by the next owner.
    mutating func removeAll() -> [PendingJob] {
        var jobs: [PendingJob] = []
        while let entry = entries.popMin() { jobs.append(entry.pending) }
        heldPerPartition = [:]
        pausedPartitions = []
        return jobs
    }
}
