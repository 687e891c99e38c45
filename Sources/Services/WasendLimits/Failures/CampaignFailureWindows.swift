import WasendCore
import WasendRedis

/// Each campaign's last final outcomes across every sender, in Redis, to pause a campaign whose
/// failure rate crosses a threshold: with several senders, each sees only its share of a
/// campaign's sends, so the window has to be shared to mean "the campaign's last N sends".
///
/// Only final outcomes count: a transient error that is retried and then accepted is not a failure
/// of the campaign.
public struct CampaignFailureWindows: Sendable {
    /// Outcomes per campaign the rate is taken over.
    public let capacity: Int
    /// The failed fraction above which a full window crosses.
    public let threshold: Double
    private let redis: RedisClient

    public init(redis: RedisClient, capacity: Int = 200, threshold: Double = 0.2) {
        self.redis = redis
        self.capacity = max(1, capacity)
        self.threshold = threshold
    }

    /// Adds outcomes (in order) to their campaigns' windows, in one round trip; returns the
    /// campaigns whose full window crossed the threshold now. A crossing empties the window, so a
    /// resumed campaign gets `capacity` fresh sends before it can cross again.
    public func record(_ outcomes: [(campaignID: String, failed: Bool)]) async throws -> [String] {
        var byCampaign: [String: [Bool]] = [:]
        var order: [String] = []
        for outcome in outcomes {
            if byCampaign[outcome.campaignID] == nil { order.append(outcome.campaignID) }
            byCampaign[outcome.campaignID, default: []].append(outcome.failed)
        }
        guard !order.isEmpty else { return [] }
        var pipeline = RedisPipeline(reservingCommands: order.count)
        for campaignID in order {
            pipeline.append(
                Self.recordScript, keys: [CampaignKeys.failureWindow(campaignID)],
                arguments: [capacity, threshold] + byCampaign[campaignID]!.map { $0 ? 1 : 0 })
        }
        let replies = try await redis.execute(pipeline)
        return try zip(order, replies).compactMap { campaignID, reply in
            try reply.throwingServerError().int == 1 ? campaignID : nil
        }
    }

    /// KEYS: the campaign's window (a list, newest first). ARGV: capacity, threshold, then one
    /// `1` (failed) or `0` per outcome. Returns 1 when the full window crossed (and is emptied).
    static let recordScript = RedisScript(
        """
        local capacity = tonumber(ARGV[1])
        for i = 3, #ARGV do
          redis.call('LPUSH', KEYS[1], ARGV[i])
        end
        redis.call('LTRIM', KEYS[1], 0, capacity - 1)
        redis.call('PEXPIRE', KEYS[1], 604800000)
        local outcomes = redis.call('LRANGE', KEYS[1], 0, -1)
        if #outcomes < capacity then
          return 0
        end
        local failures = 0
        for _, outcome in ipairs(outcomes) do
          if outcome == '1' then failures = failures + 1 end
        end
        if failures > tonumber(ARGV[2]) * capacity then
          redis.call('DEL', KEYS[1])
          return 1
        end
        return 0
        """)
}
