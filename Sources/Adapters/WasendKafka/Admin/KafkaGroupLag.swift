/// How far a consumer group is behind on one partition.
public struct KafkaPartitionLag: Sendable, Hashable {
    public var partition: KafkaTopicPartition
    /// The next offset the group will read, or `nil` if it committed nothing here.
    public var committedOffset: Int64?
    public var watermarks: KafkaWatermarks

    public init(partition: KafkaTopicPartition, committedOffset: Int64?, watermarks: KafkaWatermarks) {
        self.partition = partition
        self.committedOffset = committedOffset
        self.watermarks = watermarks
    }

    /// Messages the group has yet to process here.
    public var lag: Int64 {
        watermarks.high - max(committedOffset ?? watermarks.low, watermarks.low)
    }
}

/// How far a consumer group is behind on the partitions of some topics.
public struct KafkaGroupLag: Sendable, Hashable {
    public var group: String
    public var partitions: [KafkaPartitionLag]

    public init(group: String, partitions: [KafkaPartitionLag]) {
        self.group = group
        self.partitions = partitions
    }

    /// Messages the group has yet to process, over all partitions.
    public var total: Int64 { partitions.reduce(0) { $0 + $1.lag } }
}
