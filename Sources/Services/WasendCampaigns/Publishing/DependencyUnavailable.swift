/// Kafka or Redis failed under a request: answered as 503 so that clients retry
/// (with the same `Idempotency-Key`), and logged with the cause, which clients never see.
public struct DependencyUnavailable: Error, CustomStringConvertible {
    public var dependency: String
    public var underlying: any Error

    public init(dependency: String, underlying: any Error) {
        self.dependency = dependency
        self.underlying = underlying
    }

    public var description: String { "\(dependency) unavailable: \(underlying)" }
}
