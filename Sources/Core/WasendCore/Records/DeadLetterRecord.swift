/// A record a service could not process, on `wasend.dlq` under its original key.
///
/// The original value travels base64-encoded (it may not be JSON at all), with where it came from
/// and which service gave up on it, so it can be inspected and replayed by hand.
/// Shape: `schemas/wasend.dlq.schema.json`.
public struct DeadLetterRecord: Sendable, Hashable, Codable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    /// A stable name to count and alert on: `unreadable_record`, `unreadable_webhook`, …
    public var reason: String
    /// Free text for people: the decoding error, the missing upload.
    public var detail: String
    /// `planner`, `sender` or `aggregator`.
    public var service: String
    public var valueBase64: String
    public var at: Timestamp

    public init(
        topic: String, partition: Int32, offset: Int64, valueBase64: String, service: String, reason: String,
        detail: String, at: Timestamp
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.valueBase64 = valueBase64
        self.service = service
        self.reason = reason
        self.detail = detail
        self.at = at
    }

    private enum CodingKeys: String, CodingKey {
        case topic, partition, offset, reason, detail, service
        case valueBase64 = "value_base64"
        case at
    }
}
