import Foundation
import WasendCore
import WasendKafka

extension KafkaProducerRecord {
    /// The record that sets `message` aside on the dead-letter topic, under its original key, so
    /// every service's poison records look alike and one consumer can replay them.
    public static func deadLetter(
        of message: KafkaConsumerMessage, to topic: String, service: String, reason: String, detail: String,
        at: Timestamp = .current
    ) throws -> KafkaProducerRecord {
        let letter = DeadLetterRecord(
            topic: message.topic, partition: message.partition, offset: message.offset,
            valueBase64: Data(message.value).base64EncodedString(), service: service, reason: reason, detail: detail,
            at: at)
        return KafkaProducerRecord(topic: topic, key: message.key, value: Array(try JSONEncoder().encode(letter)))
    }
}
