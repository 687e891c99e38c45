import WasendCampaigns
import WasendCore
import WasendRedis

/// The planner's reads and writes in Redis, with the layout of ``PlannerKeys``.
///
/// None of it is inside the Kafka transaction, so every write is idempotent under replay:
/// first positions are set once and compared by position, counters are added once per batch.
public struct PlannerStore: Sendable {
    private let redis: RedisClient

    public init(redis: RedisClient) {
        self.redis = redis
    }

    /// For each `(digits, position)`: 1 if an earlier, different position of the campaign
    /// named the same digits (a duplicate), else 0. The first position is kept once, so a batch
    /// replayed after a crash finds its own positions and is not its own duplicate. One `HMGET`
    /// and one `HSET` per 1,000 candidates, not two commands per candidate: the screening was
    /// the planner's longest wait. (`unpack` takes at most about 8,000 values in Redis' Lua.)
    private static let firstPositionScript = RedisScript(
        """
        local verdicts, claimed = {}, {}
        local count = #ARGV / 2
        for chunk = 1, count, 1000 do
          local last = math.min(count, chunk + 999)
          local fields = {}
          for i = chunk, last do fields[#fields + 1] = ARGV[2 * i - 1] end
          local existing = redis.call('HMGET', KEYS[1], unpack(fields))
          local new = {}
          for i = chunk, last do
            local digits, position = ARGV[2 * i - 1], ARGV[2 * i]
            local first = existing[i - chunk + 1] or claimed[digits]
            if first then
              verdicts[i] = (first == position) and 0 or 1
            else
              claimed[digits] = position
              new[#new + 1] = digits
              new[#new + 1] = position
              verdicts[i] = 0
            end
          end
          if #new > 0 then redis.call('HSET', KEYS[1], unpack(new)) end
        end
        return verdicts
        """)

    /// Adds a batch's counts once: `ARGV[1]` is the batch's source position, then field/increment pairs.
    private static let countOnceScript = RedisScript(
        """
        if redis.call('HSETNX', KEYS[1], ARGV[1], 1) == 0 then return 0 end
        for i = 2, #ARGV, 2 do
          redis.call('HINCRBY', KEYS[2], ARGV[i], ARGV[i + 1])
        end
        return 1
        """)

    /// Opt-out and duplicate verdicts for a batch's candidates, in one round trip.
    public func screen(
        _ candidates: [BatchExpansion.Candidate], campaignID: String, portfolioID: String
    ) async throws -> [RecipientScreening] {
        guard !candidates.isEmpty else { return [] }
        var digits: [any RedisArgument] = []
        digits.reserveCapacity(candidates.count + 1)
        var pairs: [any RedisArgument] = []
        pairs.reserveCapacity(candidates.count * 2)
        digits.append(CampaignKeys.optOuts(portfolioID: portfolioID))
        for candidate in candidates {
            digits.append(candidate.phone.digits)
            pairs.append(candidate.phone.digits)
            pairs.append(candidate.position.description)
        }
        var pipeline = RedisPipeline(reservingCommands: 2, bytesPerCommand: candidates.count * 40)
        pipeline.append("SMISMEMBER", arguments: digits)
        pipeline.append(Self.firstPositionScript, keys: [PlannerKeys.firstPositions(campaignID: campaignID)], arguments: pairs)
        let replies = try await redis.execute(pipeline)
        let optedOut = try replies[0].throwingServerError().array ?? []
        let duplicate = try replies[1].throwingServerError().array ?? []
        guard optedOut.count == candidates.count, duplicate.count == candidates.count else {
            throw RedisError(.unexpectedReply, "a screening reply has the wrong number of elements")
        }
        return zip(optedOut, duplicate).map { optedOut, duplicate in
            if optedOut.int == 1 { return .optedOut }
            return duplicate.int == 1 ? .duplicate : .clear
        }
    }

    /// Adds a batch's counts unless they were added already (a replayed batch).
    public func count(
        _ increments: [(field: String, increment: Int64)], campaignID: String, batch position: SourcePosition
    ) async throws {
        guard !increments.isEmpty else { return }
        var arguments: [any RedisArgument] = [position.batchDescription]
        for (field, increment) in increments {
            arguments.append(field)
            arguments.append(increment)
        }
        try await redis.run(
            Self.countOnceScript,
            keys: [PlannerKeys.countedBatches(campaignID: campaignID), PlannerKeys.counters(campaignID: campaignID)],
            arguments: arguments)
    }

    public func queuedJobs(campaignID: String) async throws -> Int64 {
        let counters: [String: Int64] = try await redis.send("HGETALL", PlannerKeys.counters(campaignID: campaignID)).integerFields()
        return CampaignBacklog.queuedJobs(counters: counters)
    }

    public func uploadStatus(campaignID: String, uploadID: String) async throws -> UploadStatus? {
        let reply = try await redis.send("HGET", PlannerKeys.uploads(campaignID: campaignID), uploadID)
        return reply.string.flatMap(UploadStatus.init(redisValue:))
    }

    public func recordUpload(_ status: UploadStatus, campaignID: String, uploadID: String) async throws {
        try await redis.send("HSET", PlannerKeys.uploads(campaignID: campaignID), uploadID, status.redisValue)
    }
}
