/// Where the planner read a recipient: the partition and offset of its batch record on
/// `wasend.recipients` and its index in the batch. A replay reads the same record again, so the
/// position names the recipient across restarts; it is what tells a replayed recipient from a real
/// duplicate. The planner keeps it in Redis (``PlannerKeys``) and a restore of Redis rebuilds it.
public struct SourcePosition: Hashable, Sendable, CustomStringConvertible {
    public var partition: Int32
    public var offset: Int64
    public var index: Int

    public init(partition: Int32, offset: Int64, index: Int) {
        self.partition = partition
        self.offset = offset
        self.index = index
    }

    /// `partition:offset:index`
    public var description: String { "\(partition):\(offset):\(index)" }

    /// `partition:offset`: the batch record as a whole.
    public var batchDescription: String { "\(partition):\(offset)" }
}
