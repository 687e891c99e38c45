/// Where the API writes campaigns and recipients: Kafka, through WasendKafka's producer.
/// A send returns once the record is durable (acks=all), and waits while the producer's bounded
/// queue is full: that wait is what slows a fast upload down to Kafka's pace.
public protocol RecordPublisher: Sendable {
    func publish(topic: String, key: String, value: [UInt8]) async throws
}
