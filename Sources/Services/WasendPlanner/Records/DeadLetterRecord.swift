import Foundation
import WasendCore
import WasendKafka

/// A record the planner could not process, on `wasend.dlq` under its original key.
///
/// The original value travels base64-encoded (it may not be JSON at all), with where it came from,
/// so it can be inspected and replayed by hand. Shape: `schemas/wasend.dlq.schema.json`.
public struct DeadLetterRecord: Sendable, Hashable, Codable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    public var reason: String
    /// Free text for people: the decoding error, the missing upload.
    public var detail: String
    public var service = "planner"
    public var valueBase64: String
    public var at: Timestamp

    public init(message: KafkaConsumerMessage, reason: String, detail: String, at: Timestamp) {
        self.topic = message.topic
        self.partition = message.partition
        self.offset = message.offset
        self.reason = reason
        self.detail = detail
        self.valueBase64 = Data(message.value).base64EncodedString()
        self.at = at
    }

    private enum CodingKeys: String, CodingKey {
        case topic, partition, offset, reason, detail, service
        case valueBase64 = "value_base64"
        case at
    }
}
