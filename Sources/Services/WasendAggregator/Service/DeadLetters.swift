import Logging
import Metrics
import WasendCampaigns
import WasendCore
import WasendKafka

/// Sets poison records aside on `wasend.dlq`, with the reason, before their offsets are committed.
struct DeadLetters: Sendable {
    let producer: KafkaProducer
    let topic: String
    let logger: Logger

    func record(_ message: KafkaConsumerMessage, reason: String, detail: String) throws -> KafkaProducerRecord {
        logger.error(
            "record sent to the dead-letter topic",
            metadata: [
                "reason": "\(reason)", "topic": "\(message.topic)", "partition": "\(message.partition)",
                "offset": "\(message.offset)",
            ])
        Counter(label: "wasend_aggregator_dead_letters_total", dimensions: [("reason", reason)]).increment()
        return try .deadLetter(of: message, to: topic, service: "aggregator", reason: reason, detail: detail)
    }

    func send(_ records: [KafkaProducerRecord]) async throws {
        guard !records.isEmpty else { return }
        try await producer.send(contentsOf: records)
    }
}
