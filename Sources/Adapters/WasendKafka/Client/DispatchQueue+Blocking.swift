import Dispatch

extension DispatchQueue {
    /// Runs a blocking librdkafka call on this queue and waits for it without blocking
    /// Swift's cooperative pool.
    func runBlocking<Success: Sendable>(
        _ body: @escaping @Sendable () throws(KafkaError) -> Success
    ) async throws(KafkaError) -> Success {
        let result: Result<Success, KafkaError> = await withCheckedContinuation { continuation in
            self.async {
                continuation.resume(returning: Result { () throws(KafkaError) in try body() })
            }
        }
        return try result.get()
    }
}
