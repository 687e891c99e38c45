/// The batches of a `KafkaConsumer` as an asynchronous sequence; it ends when the consumer
/// shuts down. Iterate it from one task.
public struct KafkaMessageBatches: AsyncSequence, Sendable {
    public typealias Element = [KafkaConsumerMessage]
    public typealias Failure = KafkaError

    let consumer: KafkaConsumer

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(consumer: consumer)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let consumer: KafkaConsumer

        public mutating func next() async throws(KafkaError) -> [KafkaConsumerMessage]? {
            try await consumer.nextBatch()
        }

        public mutating func next(isolation actor: isolated (any Actor)?) async throws(KafkaError) -> [KafkaConsumerMessage]? {
            try await consumer.nextBatch()
        }
    }
}
