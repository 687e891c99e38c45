/// Where the API writes campaigns and recipients: Kafka, through WasendKafka's producer.
/// A send returns once the record is durable (acks=all), and waits while the producer's bounded
/// queue is full: that wait is what slows a fast upload down to Kafka's pace.
public protocol RecordPublisher: Sendable {
    func publish(topic: String, key: String, value: [UInt8]) async throws
    /// Several records at once, returning when all are durable: one wait for Kafka's
    /// acknowledgements instead of one per record. Records of different keys may land in any order.
    func publish(topic: String, records: [(key: String, value: [UInt8])]) async throws
}

extension RecordPublisher {
    public func publish(topic: String, records: [(key: String, value: [UInt8])]) async throws {
        for record in records {
            try await publish(topic: topic, key: record.key, value: record.value)
        }
    }
}
