/// One message to produce.
public struct KafkaProducerRecord: Sendable, Hashable {
    public var topic: String
    /// An explicit partition, or `nil` to let the partitioner choose from the key
    /// (librdkafka's default, consistent_random: the same key always goes to the same partition).
    public var partition: Int32?
    public var key: [UInt8]?
    /// The payload. An empty value is sent as null, which is a tombstone on compacted topics.
    public var value: [UInt8]
    public var headers: [KafkaHeader]

    public init(
        topic: String, partition: Int32? = nil, key: [UInt8]? = nil, value: [UInt8], headers: [KafkaHeader] = []
    ) {
        self.topic = topic
        self.partition = partition
        self.key = key
        self.value = value
        self.headers = headers
    }

    /// A record whose key is the UTF-8 of a string, which is how Wasend keys its topics.
    public init(
        topic: String, partition: Int32? = nil, key: String, value: [UInt8], headers: [KafkaHeader] = []
    ) {
        self.init(topic: topic, partition: partition, key: Array(key.utf8), value: value, headers: headers)
    }
}
