import Foundation
import Logging
import Metrics
import WasendCampaigns
import WasendCore
import WasendKafka
import WasendLimits
import WasendRedis

/// Rebuilds Redis from Kafka when Redis lost its data (restarted without persistence, or failed
/// over to an empty replica): Kafka holds every fact that Redis only summarises.
///
/// Redis holds Wasend's state while ``CampaignKeys/stateMarker`` exists. The aggregator looks for
/// it at start and every ``AggregatorConfiguration/stateCheckInterval``; when it is missing, one
/// aggregator (the holder of ``CampaignKeys/stateRestoreLock``) restores, and sets it again. A new
/// installation goes through the same steps over empty topics.
///
/// Until a campaign is restored its hash is missing, and senders send none of its jobs (the send
/// ledger refuses to reserve them and the campaign gate holds them): an empty ledger or tier window
/// is never taken for the truth. A campaign's hash is written last, after its ledger entries,
/// counters and delivery states, and only after the tiers' 24 h windows of every portfolio.
///
/// Only the campaigns whose hash is missing are restored: every other one kept its ledger and
/// counters, and replaying its records would count again what expired since. Per restored campaign:
/// - its record and tenant index from `wasend.campaigns` (the latest version);
/// - its uploads and recipients received from the commit markers on `wasend.recipients`;
/// - `planned` from the distinct jobs on `wasend.jobs`, the planner's skips from `wasend.results`,
///   and the planner's first positions and counted batches from both;
/// - its send ledger and send counters from the final results, its deferrals from the deferred ones;
/// - its delivery states, joins and delivery counters by replaying `wasend.results` and
///   `wasend.webhooks` through the same folds as the live loops.
///
/// Portfolio-wide, from the same replay: the 24 h tier windows (every accepted send of the last 24
/// hours counts, which can only be stricter than the limiter), opt-outs, customer-service windows,
/// tiers and throughputs Meta announced.
///
/// The planner's state of a lost campaign comes back too, so a campaign it was still expanding goes on
/// as if nothing happened: where it read each recipient it made a job for (each job names its uploaded
/// row, and the batch keys on `wasend.recipients` say where that row's batch lies), so a later duplicate
/// of an earlier recipient is skipped; and which batches it counted, so a batch it replays adds nothing.
///
/// Not restored: a number's throttle or stop set by a sender (the next 130429 or 190 sets it again) and
/// API idempotency keys.
struct StateRestore: Sendable {
    let redis: RedisClient
    let topics: WasendTopics
    let consumer: KafkaConsumerConfiguration
    let admin: KafkaAdminConfiguration
    let ledger: SendLedger
    let store: RedisCampaignStore
    let supervisor: CampaignSupervisor
    let results: ResultsLoop
    let webhooks: WebhooksLoop
    let checkInterval: Duration
    let logger: Logger
    /// This instance, in the lock.
    let owner = UUID().uuidString

    /// The tier's moving window.
    static let tierWindow: Duration = .seconds(24 * 3600)
    /// How long a restore may hold the lock before another aggregator may take over.
    static let lockLifetime: Duration = .seconds(600)

    /// Takes the lock, or takes it again if this instance holds it (a restore it began before Redis
    /// went away, with persistence, for a moment). Returns 1 when held.
    private static let lockScript = RedisScript(
        """
        local holder = redis.call('GET', KEYS[1])
        if holder and holder ~= ARGV[1] then return 0 end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        return 1
        """)

    /// Sets the marker only if this restore still holds the lock: a Redis emptied again while it
    /// ran has lost the lock too, and must be restored again.
    private static let finishScript = RedisScript(
        """
        if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
        redis.call('SET', KEYS[1], ARGV[2])
        redis.call('DEL', KEYS[2])
        return 1
        """)

    /// Returns only when cancelled.
    func run() async throws {
        while true {
            do {
                if try await redis.send("EXISTS", CampaignKeys.stateMarker).int == 0 {
                    try await restoreHoldingLock()
                }
            } catch is CancellationError {
                throw CancellationError()
            } catch let error as RedisError where error.serverUnavailable {
                // Redis is away: its state is checked once it answers again (the loops log the outage).
                logger.debug("Redis unavailable; its state is checked when it is back", metadata: ["error": "\(error)"])
            } catch {
                logger.error("restoring Redis from Kafka failed; trying again", metadata: ["error": "\(error)"])
                _ = try? await redis.send("DEL", CampaignKeys.stateRestoreLock)
            }
            try await Task.sleep(for: checkInterval)
        }
    }

    private func restoreHoldingLock() async throws {
        let locked = try await redis.run(
            Self.lockScript, keys: [CampaignKeys.stateRestoreLock], arguments: [owner, Self.lockLifetime.wholeMilliseconds])
        guard locked.int == 1 else {
            logger.info("another aggregator is restoring Redis")
            return
        }
        logger.warning("Redis holds no Wasend state: restoring it from Kafka; senders hold every job of a campaign not restored yet")
        let started = ContinuousClock.now
        let restored = try await restore()
        let now = Timestamp.current
        let finished = try await redis.run(
            Self.finishScript, keys: [CampaignKeys.stateMarker, CampaignKeys.stateRestoreLock],
            arguments: [owner, now.millisecondsSinceEpoch])
        guard finished.int == 1 else {
            logger.error("Redis lost its data again while it was restored; restoring again")
            return
        }
        Counter(label: "wasend_aggregator_state_restores_total").increment()
        logger.notice(
            "Redis restored from Kafka",
            metadata: ["campaigns": "\(restored)", "duration": "\(ContinuousClock.now - started)"])
    }

    /// Returns the number of campaigns restored.
    private func restore() async throws -> Int {
        let decoder = JSONDecoder()
        var campaigns: [String: CampaignRecord] = [:]
        try await read(topics.campaigns) { batch in
            for message in batch where !message.value.isEmpty {
                guard let record = try? decoder.decode(CampaignRecord.self, from: Data(message.value)) else { continue }
                if (campaigns[record.id]?.version ?? -1) < record.version { campaigns[record.id] = record }
            }
        }
        var tallies: [String: LostCampaignTally] = [:]
        for id in try await missingCampaigns(Array(campaigns.keys)) { tallies[id] = LostCampaignTally() }
        guard !tallies.isEmpty else { return 0 }
        logger.notice("campaigns to restore", metadata: ["count": "\(tallies.count)"])

        try await read(topics.recipients) { batch in
            for message in batch {
                guard let key = message.key.map({ String(decoding: $0, as: UTF8.self) }) else { continue }
                if let batchKey = RecipientStreamRecord.BatchKey(key) {
                    tallies[batchKey.campaignID]?.batchRead(batchKey, partition: message.partition, offset: message.offset)
                    continue
                }
                guard tallies[key] != nil,
                    let record = try? decoder.decode(RecipientStreamRecord.self, from: Data(message.value))
                else { continue }
                switch record {
                case .commit(let commit): tallies[key]?.uploadCommitted(commit)
                case .abort(let abort): tallies[key]?.uploadAborted(abort)
                case .batch: continue
                }
            }
        }
        let jobs = try await read(topics.jobs) { batch in
            var firstPositions = RedisPipeline()
            for message in batch {
                guard let job = try? decoder.decode(JobReference.self, from: Data(message.value)),
                    let position = tallies[job.campaignID]?.planned(job.jobID, from: job.uploadedRow)
                else { continue }
                firstPositions.append(
                    "HSETNX", PlannerKeys.firstPositions(campaignID: job.campaignID), job.recipient, position.description)
            }
            if !firstPositions.isEmpty {
                for reply in try await redis.execute(firstPositions) { try reply.throwingServerError() }
            }
        }
        let windowStart = Timestamp.current - Self.tierWindow
        try await read(topics.results) { batch in
            try await replay(results: batch, campaigns: campaigns, tallies: &tallies, windowStart: windowStart)
        }
        let restoring = Set(tallies.keys)
        try await read(topics.webhooks) { batch in
            try await webhooks.fold(batch, restoring: restoring)
        }
        if !jobs.fromTheFirstRecord {
            logger.notice("wasend.jobs no longer holds its first jobs (retention): planned is restored as recipients received less the planner's skips")
        }
        try await writeBack(tallies, campaigns: campaigns, everyJobSeen: jobs.fromTheFirstRecord)
        try await supervisor.completeFinished(restoring, now: .current)
        return tallies.count
    }

    /// One batch of results: the ledger and send counters of lost campaigns, the planner's skips,
    /// deferrals, the tier windows, and the delivery folds.
    private func replay(
        results batch: [KafkaConsumerMessage], campaigns: [String: CampaignRecord],
        tallies: inout [String: LostCampaignTally], windowStart: Timestamp
    ) async throws {
        let decoder = JSONDecoder()
        var finals: [SendOutcome] = []
        var deferrals: [(campaignID: String, limit: SendLimit)] = []
        var folds: [ResultRecord] = []
        var windows = RedisPipeline()
        for message in batch {
            guard let record = try? decoder.decode(ResultRecord.self, from: Data(message.value)) else { continue }
            if case .accepted = record.outcome, record.finishedAt >= windowStart, let digits = record.recipient,
                let portfolioID = campaigns[record.campaignID]?.campaign.portfolioID
            {
                windows.append(
                    "ZADD", SendingKeys.recipients24h(portfolioID: portfolioID), "GT", record.finishedAt.millisecondsSinceEpoch,
                    digits)
            }
            guard tallies[record.campaignID] != nil else { continue }
            folds.append(record)
            if record.attempt == 0 {
                if let skip = try? decoder.decode(PlannerSkip.self, from: Data(message.value)) {
                    tallies[record.campaignID]?.plannerSkipped(
                        reason: skip.result.reason,
                        row: UploadedRow(uploadID: skip.uploadID, batchSequence: skip.batchSequence, index: skip.index))
                }
                continue
            }
            guard let outcome = try? decoder.decode(SendOutcome.self, from: Data(message.value)) else { continue }
            if case .deferred(let limit, _) = outcome.result {
                deferrals.append((outcome.campaignID, limit))
            } else {
                finals.append(outcome)
            }
        }
        if !windows.isEmpty {
            for reply in try await redis.execute(windows) { try reply.throwingServerError() }
        }
        if !finals.isEmpty { try await ledger.finish(finals) }
        if !deferrals.isEmpty { try await ledger.recordDeferrals(deferrals) }
        if !folds.isEmpty { try await results.fold(folds) }
    }

    /// The planner's state and counters, then the campaign hashes (which let the senders go on),
    /// then the recipients received (which let a campaign complete).
    private func writeBack(
        _ tallies: [String: LostCampaignTally], campaigns: [String: CampaignRecord], everyJobSeen: Bool
    ) async throws {
        var planner = RedisPipeline()
        for (id, tally) in tallies {
            for (field, value) in tally.plannerCounters(everyJobSeen: everyJobSeen) {
                planner.append("HINCRBY", CampaignKeys.counters(id), field, value)
            }
            for batch in tally.countedBatches {
                planner.append("HSETNX", PlannerKeys.countedBatches(campaignID: id), batch, 1)
            }
            for (uploadID, status) in tally.uploads {
                planner.append("HSET", PlannerKeys.uploads(campaignID: id), uploadID, status.redisValue)
            }
        }
        if !planner.isEmpty {
            for reply in try await redis.execute(planner) { try reply.throwingServerError() }
        }
        for (id, tally) in tallies {
            guard let record = campaigns[id] else { continue }
            try await store.insert(record)
            if tally.recipientsReceived > 0 {
                try await store.addRecipientsReceived(campaignID: id, count: Int(tally.recipientsReceived))
            }
        }
    }

    private func missingCampaigns(_ ids: [String]) async throws -> [String] {
        guard !ids.isEmpty else { return [] }
        var pipeline = RedisPipeline(reservingCommands: ids.count, bytesPerCommand: 64)
        for id in ids { pipeline.append("EXISTS", CampaignKeys.campaign(id)) }
        let replies = try await redis.execute(pipeline)
        return zip(ids, replies).compactMap { id, reply in reply.int == 0 ? id : nil }
    }

    @discardableResult
    private func read(
        _ topic: String, _ handle: ([KafkaConsumerMessage]) async throws -> Void
    ) async throws -> TopicSnapshot.Summary {
        let started = ContinuousClock.now
        let summary = try await TopicSnapshot(topic: topic, consumer: consumer, admin: admin).read(logger: logger, handle)
        logger.info(
            "topic replayed",
            metadata: [
                "topic": "\(topic)", "records": "\(summary.records)", "from_first_record": "\(summary.fromTheFirstRecord)",
                "duration": "\(ContinuousClock.now - started)",
            ])
        return summary
    }

    /// The fields of a job record the restore needs.
    private struct JobReference: Decodable {
        var jobID: JobID
        var campaignID: String
        /// E.164 digits, as the planner's first positions name recipients.
        var recipient: String
        var uploadedRow: UploadedRow?

        private enum CodingKeys: String, CodingKey {
            case jobID = "job_id"
            case campaignID = "campaign_id"
            case recipient
            case uploadedRow = "uploaded_row"
        }
    }

    /// A planner's skipped result: where the recipient came from, and why.
    private struct PlannerSkip: Decodable {
        var uploadID: String
        var batchSequence: Int
        var index: Int
        var result: Result

        struct Result: Decodable {
            var reason: String
        }

        private enum CodingKeys: String, CodingKey {
            case uploadID = "upload_id"
            case batchSequence = "batch_sequence"
            case index, result
        }
    }
}
