import Foundation
import WasendCore
import WasendKafka

/// A record the aggregator could not process, on `wasend.dlq` under its original key, with the
/// original value base64-encoded (it may not be JSON at all). Schema: `schemas/wasend.dlq.schema.json`.
struct AggregatorDeadLetter: Sendable, Encodable {
    var topic: String
    var partition: Int32
    var offset: Int64
    /// `unreadable_webhook`, `unreadable_result`.
    var reason: String
    var detail: String
    var service = "aggregator"
    var valueBase64: String
    var at: Timestamp

    init(message: KafkaConsumerMessage, reason: String, detail: String, at: Timestamp) {
        topic = message.topic
        partition = message.partition
        offset = message.offset
        self.reason = reason
        self.detail = detail
        valueBase64 = Data(message.value).base64EncodedString()
        self.at = at
    }

    private enum CodingKeys: String, CodingKey {
        case topic, partition, offset, reason, detail, service
        case valueBase64 = "value_base64"
        case at
    }
}
