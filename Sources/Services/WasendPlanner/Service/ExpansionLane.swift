import WasendKafka

/// One lane of the expansion: the partitions of `wasend.recipients` whose number modulo the
/// lane count is the lane's index, with a transactional producer of its own.
///
/// A Kafka producer holds one transaction at a time, and each commit waits for its records'
/// acknowledgements; with one lane the planner sat idle more than half the time (waiting on
/// Redis' screening or on a commit). Lanes of one process share the consumer (so adding one
/// causes no rebalance) and advance side by side, each waiting while the others work.
/// A value type: the expander owns each lane and hands it to one task at a time.
struct ExpansionLane: Sendable {
    let producer: KafkaProducer
    var transaction = PendingTransaction()
    var held = HeldPartitions()
    var lastRecheck = ContinuousClock.now

    init(producer: KafkaProducer) {
        self.producer = producer
    }

    /// The lane of `partition` among `count` lanes.
    static func index(of partition: Int32, among count: Int) -> Int {
        Int(partition) % count
    }
}
