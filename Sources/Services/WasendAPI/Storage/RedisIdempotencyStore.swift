import Foundation
import WasendCore
import WasendRedis

/// ``IdempotencyStore`` on Redis: one string key per (tenant, key) with a TTL, see ``CampaignKeys``.
public struct RedisIdempotencyStore: IdempotencyStore {
    private let redis: RedisClient

    public init(redis: RedisClient) {
        self.redis = redis
    }

    /// What the key holds: the request's fingerprint, and the answer once there is one.
    private struct Entry: Codable {
        var fingerprint: String
        var response: StoredResponse?
    }

    /// Returns the existing entry, or sets the pending one and returns nil, in one step.
    private static let claimScript = RedisScript(
        """
        local existing = redis.call('GET', KEYS[1])
        if existing then return existing end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        return false
        """)

    public func claim(tenantID: String, key: String, fingerprint: String, ttl: Duration) async throws -> IdempotencyClaim {
        let pending = try JSONEncoder().encode(Entry(fingerprint: fingerprint))
        let reply = try await redis.run(
            Self.claimScript, keys: [CampaignKeys.idempotency(tenantID: tenantID, key: key)],
            arguments: [Array(pending), max(1, ttl.wholeMilliseconds)])
        guard let existing = reply.bytes else { return .claimed }
        let entry = try JSONDecoder().decode(Entry.self, from: Data(existing))
        guard entry.fingerprint == fingerprint else { return .fingerprintMismatch }
        return entry.response.map(IdempotencyClaim.completed) ?? .inProgress
    }

    public func complete(
        tenantID: String, key: String, fingerprint: String, response: StoredResponse, ttl: Duration
    ) async throws {
        let entry = try JSONEncoder().encode(Entry(fingerprint: fingerprint, response: response))
        try await redis.send(
            "SET", CampaignKeys.idempotency(tenantID: tenantID, key: key), Array(entry), "PX", max(1, ttl.wholeMilliseconds))
    }

    public func release(tenantID: String, key: String) async throws {
        try await redis.send("DEL", CampaignKeys.idempotency(tenantID: tenantID, key: key))
    }
}

