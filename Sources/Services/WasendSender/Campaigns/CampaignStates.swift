import Synchronization
import WasendCore
import WasendRedis

/// Campaign states read from Redis (the `state` field of each campaign's hash), cached for
/// `maxAge` so a pause or a cancel reaches every sender within it, at one round trip per
/// batch of jobs however many campaigns the batch mixes.
final class CampaignStates: Sendable {
    private struct Entry {
        var status: CampaignStatus?
        var readAt: ContinuousClock.Instant
    }

    private let redis: RedisClient
    private let maxAge: Duration
    private let cache = Mutex<[String: Entry]>([:])

    init(redis: RedisClient, maxAge: Duration) {
        self.redis = redis
        self.maxAge = maxAge
    }

    /// The status of each campaign; `nil` for a campaign Redis does not know (its jobs wait: Redis
    /// lost its data, since the planner only makes jobs for known campaigns).
    func statuses(of campaignIDs: some Collection<String>) async throws -> [String: CampaignStatus?] {
        let now = ContinuousClock.now
        var known: [String: CampaignStatus?] = [:]
        var stale: [String] = []
        cache.withLock { cache in
            for id in campaignIDs where known[id] == nil {
                if let entry = cache[id], now - entry.readAt < maxAge {
                    known[id] = .some(entry.status)
                } else if !stale.contains(id) {
                    stale.append(id)
                }
            }
        }
        guard !stale.isEmpty else { return known }
        var pipeline = RedisPipeline()
        for id in stale {
            pipeline.append("HGET", CampaignKeys.campaign(id), CampaignKeys.CampaignField.state)
        }
        let replies = try await redis.execute(pipeline)
        var read: [String: Entry] = [:]
        for (id, reply) in zip(stale, replies) {
            let status = try reply.throwingServerError().string.flatMap(CampaignStatus.init(rawValue:))
            read[id] = Entry(status: status, readAt: now)
            known[id] = .some(status)
        }
        cache.withLock { cache in
            // Forget campaigns not asked for in a while, so the cache stays as small as the work.
            if cache.count > 10_000 { cache = cache.filter { now - $0.value.readAt < maxAge } }
            cache.merge(read) { _, new in new }
        }
        return known
    }

    /// Forgets a campaign's cached state, after this sender changed it.
    func invalidate(_ campaignID: String) {
        _ = cache.withLock { $0.removeValue(forKey: campaignID) }
    }
}
