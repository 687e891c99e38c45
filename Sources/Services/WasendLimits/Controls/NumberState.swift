/// What Redis holds about a number beyond its configuration, as of one read.
public struct NumberState: Sendable, Hashable {
    /// Meta's messages per second after a `THROUGHPUT_UPGRADE`; `nil` uses the configured rate.
    public var messagesPerSecondOverride: Int?
    /// The throttle factor now, recovery included: 1 when not throttled.
    public var throttleFactor: Double
    /// Why the number must not send; `nil` while it may.
    public var stoppedReason: String?

    public init(messagesPerSecondOverride: Int? = nil, throttleFactor: Double = 1, stoppedReason: String? = nil) {
        self.messagesPerSecondOverride = messagesPerSecondOverride
        self.throttleFactor = throttleFactor
        self.stoppedReason = stoppedReason
    }
}
