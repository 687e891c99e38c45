import HeapModule
import WasendCore
import WasendKafka

/// Jobs held in memory until they are due: their not-before time, a short limit delay, or the
/// next look at a paused campaign or a stopped number.
///
/// It is bounded twice: a partition holding `maxPerPartition` jobs is paused (it fetches again
/// once it holds half as many), so one waiting partition never stalls the others; and the
/// feeder waits while `maxTotal` jobs are held. Earliest due first, arrival order among equals.
///
/// Admitted jobs (reserved, waiting for their limiter slot) are kept apart from the others: they
/// must leave on time whatever else is going on, while the others may wait for a free admission.
struct WaitingRoom: Sendable {
    /// A held job, boxed: the heaps move entries at every insert and removal, and a job is a few
    /// hundred bytes where a reference is eight.
    private final class Held: Sendable {
        let pending: PendingJob

        init(_ pending: PendingJob) {
            self.pending = pending
        }
    }

    private struct Entry: Comparable, Sendable {
        var due: Timestamp
        var sequence: UInt64
        var held: Held
        var pending: PendingJob { held.pending }

        static func < (lhs: Entry, rhs: Entry) -> Bool {
            (lhs.due, lhs.sequence) < (rhs.due, rhs.sequence)
        }

        static func == (lhs: Entry, rhs: Entry) -> Bool {
            lhs.due == rhs.due && lhs.sequence == rhs.sequence
        }
    }

    let maxPerPartition: Int
    let maxTotal: Int
    /// Admitted jobs, by slot.
    private var admitted = Heap<Entry>()
    /// Jobs still to admit (or to look at again), by due time.
    private var unadmitted = Heap<Entry>()
    private var sequence: UInt64 = 0
    private var heldPerPartition: [KafkaTopicPartition: Int] = [:]
    private(set) var pausedPartitions: Set<KafkaTopicPartition> = []

    init(maxPerPartition: Int, maxTotal: Int) {
        self.maxPerPartition = max(1, maxPerPartition)
        self.maxTotal = max(1, maxTotal)
    }

    var count: Int { admitted.count + unadmitted.count }
    var isFull: Bool { count >= maxTotal }
    /// When the earliest held job is due.
    var nextDue: Timestamp? {
        switch (admitted.min?.due, unadmitted.min?.due) {
        case (let first?, let second?): min(first, second)
        case (let first, let second): first ?? second
        }
    }

    /// Holds `pending` until `due`; returns the partition to pause when it just reached its bound.
    mutating func hold(_ pending: PendingJob, until due: Timestamp) -> KafkaTopicPartition? {
        sequence &+= 1
        let entry = Entry(due: due, sequence: sequence, held: Held(pending))
        if pending.reserved { admitted.insert(entry) } else { unadmitted.insert(entry) }
        let partition = pending.ticket.partition
        let held = heldPerPartition[partition, default: 0] + 1
        heldPerPartition[partition] = held
        guard held >= maxPerPartition, pausedPartitions.insert(partition).inserted else { return nil }
        return partition
    }

    /// Admitted jobs held, waiting for their slot (or for a free send slot once it has come).
    var admittedCount: Int { admitted.count }

    /// Up to `limit` jobs due at `now`, admitted ones first, each kind earliest first, and the
    /// partitions that may fetch again. At most `unadmittedLimit` of them are jobs still to admit.
    mutating func takeDue(
        at now: Timestamp, limit: Int, unadmittedLimit: Int = .max
    ) -> (jobs: [PendingJob], resume: [KafkaTopicPartition]) {
        var jobs: [PendingJob] = []
        var resume: [KafkaTopicPartition] = []
        var unadmittedTaken = 0
        while jobs.count < limit {
            let pending: PendingJob
            if let first = admitted.min, first.due <= now {
                pending = admitted.removeMin().pending
            } else if unadmittedTaken < unadmittedLimit, let first = unadmitted.min, first.due <= now {
                pending = unadmitted.removeMin().pending
                unadmittedTaken += 1
            } else {
                break
            }
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
        while let entry = admitted.popMin() { jobs.append(entry.pending) }
        while let entry = unadmitted.popMin() { jobs.append(entry.pending) }
        heldPerPartition = [:]
        pausedPartitions = []
        return jobs
    }
}
