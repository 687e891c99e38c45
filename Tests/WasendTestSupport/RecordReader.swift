import WasendKafka

/// Reads records until a condition holds or a deadline passes; tests then assert on what was read.
public actor RecordReader {
    public private(set) var messages: [KafkaConsumerMessage] = []

    public init() {}

    public func read(
        from consumer: KafkaConsumer, timeout: Duration, until done: ([KafkaConsumerMessage]) -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while !done(messages), ContinuousClock.now < deadline {
            let batch = try await withThrowingTaskGroup(of: [KafkaConsumerMessage]?.self) { group in
                group.addTask { try await consumer.nextBatch() }
                group.addTask {
                    try await Task.sleep(for: .milliseconds(500))
                    return []
                }
                defer { group.cancelAll() }
                return try await group.next() ?? nil
            }
            messages += batch ?? []
        }
    }
}
