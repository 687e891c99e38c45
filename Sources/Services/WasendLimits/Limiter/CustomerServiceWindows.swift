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
    /// ``WasendCore/CustomerServiceWindow/closes(lastUserMessageAt:)``; never shortens one.
    /// Windows closed by `now` are dropped on the way, so the set stays as small as the open windows.
    public func open(
        portfolioID: String, phoneNumberID: String, recipient: PhoneNumber, until: Timestamp, now: Timestamp
    ) async throws {
        try await redis.run(
            Self.openScript, keys: [SendingKeys.customerServiceWindows(portfolioID: portfolioID)],
            arguments: [
                SendingKeys.customerServiceWindowMember(phoneNumberID: phoneNumberID, recipientDigits: recipient.digits),
                until.millisecondsSinceEpoch, now.millisecondsSinceEpoch,
            ])
    }

    /// When the window closes, `nil` when none is open at `now`.
    public func closes(
        portfolioID: String, phoneNumberID: String, recipient: PhoneNumber, now: Timestamp
    ) async throws -> Timestamp? {
        let reply = try await redis.send(
            "ZSCORE", SendingKeys.customerServiceWindows(portfolioID: portfolioID),
            SendingKeys.customerServiceWindowMember(phoneNumberID: phoneNumberID, recipientDigits: recipient.digits))
        guard let closes = reply.double.map({ Timestamp(millisecondsSinceEpoch: Int64($0)) }), closes > now else {
            return nil
        }
        return closes
    }

    /// KEYS: the windows. ARGV: member, closes at (ms), now (ms). The key lives as long as its
    /// latest window (counted from `now`, so that a caller's clock governs expiry too).
    static let openScript = RedisScript(
        """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
        redis.call('ZADD', KEYS[1], 'GT', ARGV[2], ARGV[1])
        local latest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
        if latest[2] then
          redis.call('PEXPIRE', KEYS[1], math.max(1, tonumber(latest[2]) - tonumber(ARGV[3])))
        end
        return 1
        """)
}
