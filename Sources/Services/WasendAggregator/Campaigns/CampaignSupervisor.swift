import Logging
import WasendCampaigns
import WasendCore
import WasendRedis

/// Moves campaigns through their lifecycle for the aggregator, by ``CampaignLifecycle`` (the one
/// write path): starts scheduled ones when their time comes, completes those whose every job is
/// final, and pauses those a webhook stopped (a paused or disabled template, a restricted account).
struct CampaignSupervisor: Sendable {
    let redis: RedisClient
    let store: RedisCampaignStore
    let lifecycle: CampaignLifecycle
    let directory: CampaignDirectory
    let logger: Logger

    /// Completes each of `campaignIDs` that is running or paused and has every job final.
    func completeFinished(_ campaignIDs: some Collection<String>, now: Timestamp) async throws {
        guard !campaignIDs.isEmpty else { return }
        typealias Field = CampaignKeys.CampaignField
        var pipeline = RedisPipeline(reservingCommands: campaignIDs.count * 2, bytesPerCommand: 96)
        for id in campaignIDs {
            pipeline.append("HMGET", CampaignKeys.campaign(id), Field.state, Field.recipientsReceived)
            pipeline.append("HGETALL", CampaignKeys.counters(id))
        }
        let replies = try await redis.execute(pipeline)
        for (offset, id) in campaignIDs.enumerated() {
            let fields = try replies[offset * 2].throwingServerError().array ?? []
            guard let state = fields.first?.string.flatMap(CampaignStatus.init(rawValue:)), state == .running || state == .paused
            else { continue }
            let received = Int64(fields.dropFirst().first?.int ?? 0)
            let counters: [String: Int64] = try replies[offset * 2 + 1].integerFields()
            guard CampaignCompletion.isComplete(counters: counters, recipientsReceived: received) else { continue }
            if try await apply(.complete, campaignID: id, now: now) {
                logger.info("campaign completed", metadata: ["campaign_id": "\(id)"])
            }
        }
    }

    /// Starts every scheduled campaign whose `start_at` has come. The API schedules a campaign
    /// started before its time; nothing else moves it on, and the planner and senders hold a
    /// scheduled campaign's recipients and jobs until it runs. Several aggregators may do this at
    /// once: the lifecycle's compare-and-set lets one win, the others find it running.
    func startDue(now: Timestamp) async throws {
        let due = directory.campaignIDs { record in
            record.campaign.state.status == .scheduled && record.campaign.schedule.isDue(at: now)
        }
        for id in due where try await apply(.start, campaignID: id, now: now) {
            logger.info("scheduled campaign started", metadata: ["campaign_id": "\(id)"])
        }
    }

    /// Pauses the running campaigns of `portfolioID` (sending `templateName`, when given).
    func pause(
        portfolioID: String, templateName: String? = nil, languageCode: String? = nil, reason: PauseReason, now: Timestamp
    ) async throws {
        for id in directory.sendingCampaigns(portfolioID: portfolioID, templateName: templateName, languageCode: languageCode) {
            if try await apply(.pause(reason), campaignID: id, now: now) {
                logger.notice("campaign paused by a webhook", metadata: ["campaign_id": "\(id)", "reason": "\(reason.rawValue)"])
            }
        }
    }

    /// Applies `event` to the campaign's current record; false when it does not apply (any more).
    /// Another writer changing the campaign meanwhile makes it read and decide again.
    private func apply(_ event: CampaignEvent, campaignID: String, now: Timestamp) async throws -> Bool {
        for _ in 0..<5 {
            guard let current = try await store.campaign(id: campaignID)?.record else { return false }
            guard (try? current.campaign.state.applying(event)) != nil else { return false }
            do {
                try await lifecycle.apply([event], to: current, at: now)
                return true
            } catch is CampaignChangeConflict {
                continue
            }
        }
        return false
    }
}
