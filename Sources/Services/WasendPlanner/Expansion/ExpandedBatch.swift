import WasendKafka

/// A recipient batch record's expansion and the records it produces, ready for the transaction.
struct ExpandedBatch: Sendable {
    var message: KafkaConsumerMessage
    var expansion: BatchExpansion
    var records: [KafkaProducerRecord]
}
