/// The offsets bounding a partition's log: `low` is the oldest message still kept, `high` the
/// offset the next message will get.
public struct KafkaWatermarks: Sendable, Hashable {
    public var low: Int64
    public var high: Int64

    public init(low: Int64, high: Int64) {
        self.low = low
        self.high = high
    }

    /// Messages in the partition now.
    public var count: Int64 { high - low }
}
