import WasendKafka

/// ``RecordPublisher`` on WasendKafka's producer (acks=all, idempotent): `publish` returns when
/// the brokers acknowledged the record, and waits while the producer's bounded queue is full.
public struct KafkaRecordPublisher: RecordPublisher {
    private let producer: KafkaProducer

    public init(producer: KafkaProducer) {
        self.producer = producer
    }

    public func publish(topic: String, key: String, value: [UInt8]) async throws {
        do {
            _ = try await producer.send(KafkaProducerRecord(topic: topic, key: key, value: value))
        } catch {
            throw DependencyUnavailable(dependency: "kafka", underlying: error)
        }
    }

    public func publish(topic: String, records: [(key: String, value: [UInt8])]) async throws {
        do {
            try await producer.send(contentsOf: records.map { KafkaProducerRecord(topic: topic, key: $0.key, value: $0.value) })
        } catch {
            throw DependencyUnavailable(dependency: "kafka", underlying: error)
        }
    }
}
