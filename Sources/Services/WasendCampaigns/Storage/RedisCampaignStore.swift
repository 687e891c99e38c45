import Foundation
import WasendCore
import WasendRedis

/// ``CampaignStore`` on Redis, with the layout of ``CampaignKeys``.
public struct RedisCampaignStore: CampaignStore {
    private let redis: RedisClient

    public init(redis: RedisClient) {
        self.redis = redis
    }

    /// Compare-and-set on the version field, so the check and the write are one step on the server.
    private static let replaceScript = RedisScript(
        """
        if redis.call('HGET', KEYS[1], 'version') ~= ARGV[1] then return 0 end
        redis.call('HSET', KEYS[1], 'state', ARGV[2], 'version', ARGV[3], 'record', ARGV[4])
        return 1
        """)

    public func insert(_ campaign: CampaignRecord) async throws {
        let record = try JSONEncoder().encode(campaign)
        typealias Field = CampaignKeys.CampaignField
        var pipeline = RedisPipeline()
        pipeline.append("MULTI")
        pipeline.append(
            "HSET", CampaignKeys.campaign(campaign.id), Field.tenant, campaign.tenantID, Field.state,
            campaign.campaign.state.status.rawValue, Field.version, campaign.version, Field.record, Array(record))
        pipeline.append(
            "ZADD", CampaignKeys.tenantCampaigns(campaign.tenantID), campaign.createdAt.millisecondsSinceEpoch,
            campaign.id)
        pipeline.append("EXEC")
        for reply in try await redis.execute(pipeline) { try reply.throwingServerError() }
    }

    public func campaign(id: String) async throws -> StoredCampaign? {
        typealias Field = CampaignKeys.CampaignField
        var pipeline = RedisPipeline()
        pipeline.append("HMGET", CampaignKeys.campaign(id), Field.record, Field.recipientsReceived)
        pipeline.append("HGETALL", CampaignKeys.counters(id))
        pipeline.append("HGETALL", CampaignKeys.acceptedPerInterval(id))
        let replies = try await redis.execute(pipeline)
        guard let fields = try replies[0].throwingServerError().array, let record = fields.first?.bytes else {
            return nil
        }
        let campaign = try JSONDecoder().decode(CampaignRecord.self, from: Data(record))
        let counters: [String: Int64] = try replies[1].integerFields()
        let acceptedByInterval = try replies[2].integerFields { Int64($0) }
        return StoredCampaign(
            record: campaign, recipientsReceived: Int64(fields.dropFirst().first?.int ?? 0),
            counters: CampaignCounters(hash: counters),
            sendRate: SendRate(acceptedByInterval: acceptedByInterval, now: .current))
    }

    public func replace(_ campaign: CampaignRecord, expectedVersion: Int) async throws -> Bool {
        let record = try JSONEncoder().encode(campaign)
        let reply = try await redis.run(
            Self.replaceScript, keys: [CampaignKeys.campaign(campaign.id)],
            arguments: [expectedVersion, campaign.campaign.state.status.rawValue, campaign.version, Array(record)])
        return reply.int == 1
    }

    public func campaignIDs(tenantID: String, offset: Int, limit: Int) async throws -> (ids: [String], total: Int) {
        let key = CampaignKeys.tenantCampaigns(tenantID)
        var pipeline = RedisPipeline()
        pipeline.append("ZRANGE", key, offset, offset + limit - 1)
        pipeline.append("ZCARD", key)
        let replies = try await redis.execute(pipeline)
        let ids = try replies[0].throwingServerError().array?.compactMap(\.string) ?? []
        return (ids, try replies[1].throwingServerError().int ?? 0)
    }

    public func addRecipientsReceived(campaignID: String, count: Int) async throws {
        try await redis.send(
            "HINCRBY", CampaignKeys.campaign(campaignID), CampaignKeys.CampaignField.recipientsReceived, count)
    }

    public func numberUsage(phoneNumberID: String, portfolioID: String, now: Timestamp) async throws -> NumberUsage {
        var pipeline = RedisPipeline()
        pipeline.append("GET", CampaignKeys.numberQuality(phoneNumberID))
        pipeline.append(
            "ZCOUNT", SendingKeys.recipients24h(portfolioID: portfolioID),
            (now - .seconds(24 * 3600)).millisecondsSinceEpoch, "+inf")
        let replies = try await redis.execute(pipeline)
        return NumberUsage(
            recipientsLast24Hours: try replies[1].throwingServerError().int ?? 0,
            quality: try replies[0].throwingServerError().string ?? "UNKNOWN")
    }

    public func ping() async throws {
        try await redis.send("PING")
    }
}
