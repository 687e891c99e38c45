/// Wakes one waiting loop. Rings while nobody waits coalesce into one, so it never holds more
/// than one pending wake-up, however often it is rung.
struct Doorbell: Sendable {
    let rings: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (rings, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    func ring() {
        continuation.yield()
    }

    /// Ends the loop that waits on ``rings``.
    func close() {
        continuation.finish()
    }
}
