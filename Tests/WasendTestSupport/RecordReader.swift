import WasendKafka

/// Reads records until a condition holds or a deadline passes; tests then assert on what was read.
///
/// One task takes batches from the consumer for the whole read and keeps every batch it took:
/// a batch is never raced against a timer and dropped when the timer wins, which lost records
/// under load and left a test waiting for results that had been published.
public actor RecordReader {
    public private(set) var messages: [KafkaConsumerMessage] = []
    private var failure: (any Error)?

    public init() {}

    /// `done` sees every record read so far, every 100 ms: keep it cheap (incremental) for long reads.
    public func read(
        from consumer: KafkaConsumer, timeout: Duration, until done: ([KafkaConsumerMessage]) -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        let taking = Task {
            do {
                while let batch = try await consumer.nextBatch() {
                    self.append(batch)
                }
            } catch {
                self.fail(error)
            }
        }
        while !done(messages), ContinuousClock.now < deadline, failure == nil {
            try await Task.sleep(for: .milliseconds(100))
        }
        // A batch handed over as the task is cancelled is still appended before it ends.
        taking.cancel()
        await taking.value
        if let failure { throw failure }
    }

    private func append(_ batch: [KafkaConsumerMessage]) {
        messages += batch
    }

    private func fail(_ error: any Error) {
        failure = error
    }
}
