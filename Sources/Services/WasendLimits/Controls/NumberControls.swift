import WasendCore
import WasendRedis

/// The levers on a number and its portfolio that outlive a sender process: Meta's announcements
/// from webhooks (throughput upgrade, tier change), the throttle factor senders lower on 130429,
/// and a stop. The limiter reads them in its script on every admission, so a change applies to
/// every sender at once.
public struct NumberControls: Sendable {
    public let throttleBackoff: ThrottleBackoff
    public let clock: SendingClock
    private let redis: RedisClient

    /// `throttleBackoff` and `clock` must be the limiter's, so both see the same factor.
    public init(
        redis: RedisClient, throttleBackoff: ThrottleBackoff = ThrottleBackoff(), clock: SendingClock = .redisServer
    ) {
        self.redis = redis
        self.throttleBackoff = throttleBackoff
        self.clock = clock
    }

    public func state(portfolioID: String, phoneNumberID: String) async throws -> NumberState {
        typealias Field = SendingKeys.NumberSettingsField
        var pipeline = RedisPipeline()
        pipeline.append(
            "HMGET", SendingKeys.numberSettings(portfolioID: portfolioID, phoneNumberID: phoneNumberID),
            Field.messagesPerSecond, Field.throttleFactor, Field.throttledAt, Field.stoppedReason)
        pipeline.append("TIME")
        let replies = try await redis.execute(pipeline)
        let fields = try replies[0].throwingServerError().array ?? []
        guard fields.count == 4 else { throw SendingStateError("HMGET answered \(replies[0])") }
        var state = NumberState(messagesPerSecondOverride: fields[0].int, stoppedReason: fields[3].string)
        if let factor = fields[1].double, let throttledAt = fields[2].int {
            let now = try clock.now?().millisecondsSinceEpoch ?? Self.milliseconds(fromTime: replies[1])
            let elapsedSeconds = Double(max(0, now - Int64(throttledAt))) / 1000
            state.throttleFactor = min(1, factor + throttleBackoff.increasePerSecond * elapsedSeconds)
        }
        return state
    }

    /// Stops the number's sending until ``resume(portfolioID:phoneNumberID:)``: the limiter answers
    /// `.stopped(reason:)` for its jobs.
    public func stop(portfolioID: String, phoneNumberID: String, reason: String) async throws {
        try await redis.send(
            "HSET", SendingKeys.numberSettings(portfolioID: portfolioID, phoneNumberID: phoneNumberID),
            SendingKeys.NumberSettingsField.stoppedReason, reason)
    }

    public func resume(portfolioID: String, phoneNumberID: String) async throws {
        try await redis.send(
            "HDEL", SendingKeys.numberSettings(portfolioID: portfolioID, phoneNumberID: phoneNumberID),
            SendingKeys.NumberSettingsField.stoppedReason)
    }

    /// Meta's new rate for the number (`THROUGHPUT_UPGRADE`); `nil` goes back to the configured one.
    public func setMessagesPerSecond(_ rate: Int?, portfolioID: String, phoneNumberID: String) async throws {
        let key = SendingKeys.numberSettings(portfolioID: portfolioID, phoneNumberID: phoneNumberID)
        guard let rate else {
            try await redis.send("HDEL", key, SendingKeys.NumberSettingsField.messagesPerSecond)
            return
        }
        guard rate > 0 else { throw SendingStateError("a number's messages per second must be positive, not \(rate)") }
        try await redis.send("HSET", key, SendingKeys.NumberSettingsField.messagesPerSecond, rate)
    }

    /// A 130429 from Meta: lowers the number's throttle factor (see ``ThrottleBackoff``) and
    /// returns the factor now.
    @discardableResult
    public func recordThrottle(portfolioID: String, phoneNumberID: String) async throws -> Double {
        let reply = try await redis.run(
            Self.throttleScript, keys: [SendingKeys.numberSettings(portfolioID: portfolioID, phoneNumberID: phoneNumberID)],
            arguments: [
                clock.scriptArgument, throttleBackoff.decrease, throttleBackoff.increasePerSecond,
                throttleBackoff.minimumFactor, throttleBackoff.cooldown.wholeMilliseconds,
            ])
        guard let factor = reply.double else { throw SendingStateError("the throttle script answered \(reply)") }
        return factor
    }

    /// The portfolio's tier as Meta announced it (`business_capability_update`); `nil` when none was.
    public func tier(portfolioID: String) async throws -> MessagingTier? {
        let reply = try await redis.send("GET", SendingKeys.tier(portfolioID: portfolioID))
        return reply.int.flatMap(MessagingTier.init(maxDailyConversations:))
    }

    public func setTier(_ tier: MessagingTier, portfolioID: String) async throws {
        try await redis.send("SET", SendingKeys.tier(portfolioID: portfolioID), tier.limit ?? -1)
    }

    /// Milliseconds from a `TIME` reply (seconds and microseconds as strings).
    private static func milliseconds(fromTime reply: RESPValue) throws -> Int64 {
        guard let parts = reply.array, parts.count == 2, let seconds = parts[0].int, let microseconds = parts[1].int else {
            throw SendingStateError("TIME answered \(reply)")
        }
        return Int64(seconds) * 1000 + Int64(microseconds / 1000)
    }
}
