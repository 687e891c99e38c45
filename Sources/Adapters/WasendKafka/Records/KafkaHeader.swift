/// A Kafka record header: metadata that travels with a message without being part of it
/// (a trace id, a schema version, the reason a record went to the dead-letter topic).
public struct KafkaHeader: Sendable, Hashable {
    public var key: String
    /// `nil` is a header with a null value, which Kafka distinguishes from an empty one.
    public var value: [UInt8]?

    public init(key: String, value: [UInt8]?) {
        self.key = key
        self.value = value
    }
}
