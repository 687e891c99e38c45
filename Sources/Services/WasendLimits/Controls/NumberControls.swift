import WasendCore
import WasendRedis

/// The levers on a number and its portfolio that outlive a sender process: Meta's announcements
/// from webhooks (throughput upgrade, tier change), the throttle factor senders lower on 130429,
/// and a stop. The limiter reads them in its scripts on every admission.
public struct NumberControls: Sendable {
    public let throttleBackoff: ThrottleBackoff
    public let clock: SendingClock
    private let redis: RedisClient

    public init(redis: RedisClient, throttleBackoff: ThrottleBackoff = ThrottleBackoff(), clock: SendingClock = .redisServer) {
        self.redis = redis
        self.throttleBackoff = throttleBackoff
        self.clock = clock
    }

    public func state(portfolioID: String, phoneNumberID: String) async throws -> NumberState {
        fatalError("milestone 2")
    }

    /// Stops the number's sending until ``resume(portfolioID:phoneNumberID:)``.
    public func stop(portfolioID: String, phoneNumberID: String, reason: String) async throws {
        fatalError("milestone 2")
    }

    public func resume(portfolioID: String, phoneNumberID: String) async throws {
        fatalError("milestone 2")
    }

    /// Meta's new rate for the number (`THROUGHPUT_UPGRADE`); `nil` goes back to the configured one.
    public func setMessagesPerSecond(_ rate: Int?, portfolioID: String, phoneNumberID: String) async throws {
        fatalError("milestone 2")
    }

    /// A 130429 from Meta: lowers the number's throttle factor (see ``ThrottleBackoff``) and
    /// returns the new factor.
    @discardableResult
    public func recordThrottle(portfolioID: String, phoneNumberID: String) async throws -> Double {
        fatalError("milestone 2")
    }

    /// The portfolio's tier as Meta announced it (`business_capability_update`); `nil` when none was.
    public func tier(portfolioID: String) async throws -> MessagingTier? {
        fatalError("milestone 2")
    }

    public func setTier(_ tier: MessagingTier, portfolioID: String) async throws {
        fatalError("milestone 2")
    }
}
