import WasendCore
import WasendRedis

/// Open customer-service windows, per (number, recipient): the aggregator opens one on each
/// inbound message, and the limiter does not count those recipients against the tier.
public struct CustomerServiceWindows: Sendable {
    private let redis: RedisClient

    public init(redis: RedisClient) {
        self.redis = redis
    }

    /// Opens (or extends) the window until `until`, usually
    /// ``CustomerServiceWindow/closes(lastUserMessageAt:)``; never shortens one.
    public func open(
        portfolioID: String, phoneNumberID: String, recipient: PhoneNumber, until: Timestamp
    ) async throws {
        fatalError("milestone 2")
    }

    /// When the window closes, `nil` when none is open at `now`.
    public func closes(
        portfolioID: String, phoneNumberID: String, recipient: PhoneNumber, now: Timestamp
    ) async throws -> Timestamp? {
        fatalError("milestone 2")
    }
}
