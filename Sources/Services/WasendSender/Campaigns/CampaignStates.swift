import Synchronization
import WasendCore
import WasendRedis

/// Campaign states read from Redis (the `state` field of each campaign's hash), cached for
/// `maxAge` so a pause or a cancel reaches every sender within it, at one round trip per
/// batch of jobs however many campaigns the batch mixes.
///
/// ``refresh()`` re-reads the campaigns asked about lately on its own schedule, so a job admitted
/// before a pause, waiting for its send slot, learns of the pause at its slot without a round trip
/// (``haltedCampaigns(among:)``): the slot may be up to the admission lead and horizon ahead, seconds
/// when Redis is slow.
final class CampaignStates: Sendable {
    private struct Entry {
        var status: CampaignStatus?
        var readAt: ContinuousClock.Instant
        var askedAt: ContinuousClock.Instant
    }

    private let redis: RedisClient
    private let maxAge: Duration
    /// How long a campaign nobody asked about stays in the cache and is refreshed: longer than an
    /// admitted job can wait for its slot.
    private let activeFor: Duration = .seconds(10)
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
                cache[id]?.askedAt = now
                if let entry = cache[id], now - entry.readAt < maxAge {
                    known[id] = .some(entry.status)
                } else if !stale.contains(id) {
                    stale.append(id)
                }
            }
        }
        guard !stale.isEmpty else { return known }
        for (id, status) in try await read(stale, at: now) { known[id] = .some(status) }
        return known
    }

    /// The campaigns among `campaignIDs` whose last known state lets none of their admitted jobs go:
    /// paused, cancelled, not started, or gone from Redis. No round trip; a campaign not in the
    /// cache is not among them (the admission that reserved its jobs read it moments ago).
    func haltedCampaigns(among campaignIDs: some Sequence<String>) -> Set<String> {
        cache.withLock { cache in
            var halted: Set<String> = []
            for id in campaignIDs {
                guard let entry = cache[id] else { continue }
                switch entry.status {
                case .running, .completed: continue
                case .paused, .cancelled, .draft, .scheduled, nil: halted.insert(id)
                }
            }
            return halted
        }
    }

    /// Re-reads every campaign asked about within ``activeFor`` in one round trip, and forgets the
    /// others, so the cache stays as small as the work.
    func refresh() async throws {
        let now = ContinuousClock.now
        let active = cache.withLock { cache in
            cache = cache.filter { now - $0.value.askedAt < activeFor }
            return Array(cache.keys)
        }
        guard !active.isEmpty else { return }
        _ = try await read(active, at: now)
    }

    /// Forgets a campaign's cached state, after this sender changed it.
    func invalidate(_ campaignID: String) {
        _ = cache.withLock { $0.removeValue(forKey: campaignID) }
    }

    private func read(_ campaignIDs: [String], at now: ContinuousClock.Instant) async throws -> [String: CampaignStatus?] {
        var pipeline = RedisPipeline()
        for id in campaignIDs {
            pipeline.append("HGET", CampaignKeys.campaign(id), CampaignKeys.CampaignField.state)
        }
        let replies = try await redis.execute(pipeline)
        var read: [String: CampaignStatus?] = [:]
        for (id, reply) in zip(campaignIDs, replies) {
            read[id] = .some(try reply.throwingServerError().string.flatMap(CampaignStatus.init(rawValue:)))
        }
        cache.withLock { cache in
            for (id, status) in read {
                cache[id] = Entry(status: status, readAt: now, askedAt: cache[id]?.askedAt ?? now)
            }
        }
        return read
    }
}
