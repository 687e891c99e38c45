import Foundation
import Logging
import Metrics
import WasendCloudAPI
import WasendCore
import WasendKafka
import WasendLimits

/// Folds send results and status webhooks into messages' delivery states (``DeliveryStore``)
/// and publishes every change to the compacted `wasend.deliveries`.
///
/// A status names its job and campaign in `biz_opaque_callback_data`; one from an older send
/// joins its job by the job id alone, or failing that its wamid, through the joins the send
/// results record, and waits in Redis when its result has not come yet. A message's state is
/// published when it changed, or when a change was folded but not yet published (a crash
/// between the fold and the publication): each message records the version last published.
struct DeliveryFolder: Sendable {
    let store: DeliveryStore
    let producer: KafkaProducer
    let ledger: SendLedger
    let topics: WasendTopics
    let logger: Logger

    /// What a fold did: the campaigns whose messages changed, to check for completion.
    struct Outcome: Sendable {
        var folded = 0
        var changedCampaigns: Set<String> = []
    }

    // MARK: Results

    func fold(results: [ResultRecord], now: Timestamp) async throws -> Outcome {
        var joins: [(jobID: JobID, campaignID: String, wamid: String?)] = []
        var messages = CampaignMessages()
        for result in results {
            guard let jobID = result.jobID else { continue }
            switch result.outcome {
            case .accepted(let wamid):
                joins.append((jobID, result.campaignID, wamid))
                messages.observe(
                    StageObservation(stage: .accepted, at: result.finishedAt), jobID: jobID, campaignID: result.campaignID,
                    wamid: wamid, recipient: result.recipient)
            case .failed(let code, let errorClass):
                // A failed attempt may still have reached Meta (a timeout): the join lets its
                // webhooks prove the send and settle the ledger.
                joins.append((jobID, result.campaignID, nil))
                if errorClass == .permanent {
                    messages.observe(
                        StageObservation(stage: .refused, at: result.finishedAt, errorCode: code), jobID: jobID,
                        campaignID: result.campaignID, recipient: result.recipient)
                }
            case .notSent:
                continue
            }
        }
        // The states first, the joins after (in the same round trip): a status that finds its
        // job through a join then finds it accepted, and does not take it for an in-doubt send.
        let (folded, pending) = try await store.fold(messages.byCampaign, now: now, joining: joins)
        var outcome = try await publishChanges(folded, now: now)
        var waited = CampaignMessages()
        var forget: [MessageReference] = []
        for join in joins {
            guard let statuses = pending[join.jobID] else { continue }
            forget.append(.job(join.jobID))
            if let wamid = join.wamid { forget.append(.wamid(wamid)) }
            for status in statuses {
                waited.observe(status, jobID: join.jobID, campaignID: join.campaignID)
            }
        }
        if !forget.isEmpty {
            let joined = try await foldAndPublish(waited, now: now)
            outcome.folded += joined.folded
            outcome.changedCampaigns.formUnion(joined.changedCampaigns)
            try await store.forgetPending(forget)
        }
        return outcome
    }

    // MARK: Statuses

    func fold(statuses: [WebhookEvent.StatusUpdate], now: Timestamp) async throws -> Outcome {
        var messages = CampaignMessages()
        var observed: [(reference: MessageReference, status: PendingStatus)] = []
        for status in statuses {
            guard let event = status.deliveryEvent else { continue }
            var recipient: String?
            if case .waID(let waID) = status.recipient { recipient = waID }
            let pending = PendingStatus(
                jobID: status.jobID, wamid: status.wamid, recipient: recipient, pricingCategory: status.pricingCategory,
                observation: StageObservation(stage: FoldStage(event.status), at: event.at, errorCode: event.errorCode))
            if let jobID = status.jobID, let campaignID = status.campaignID {
                // Its `biz_opaque_callback_data` names the job's campaign: no join to look up.
                messages.observe(pending, jobID: jobID, campaignID: campaignID)
            } else {
                observed.append((status.jobID.map(MessageReference.job) ?? .wamid(status.wamid), pending))
            }
        }
        if !observed.isEmpty {
            try await join(observed, into: &messages)
        }
        return try await foldAndPublish(messages, now: now, settling: true)
    }

    /// Adds statuses that name only their job or wamid to `messages` through the joins the send
    /// results recorded; those whose result has not come yet wait in Redis for it.
    private func join(
        _ observed: [(reference: MessageReference, status: PendingStatus)], into messages: inout CampaignMessages
    ) async throws {
        var references: [MessageReference] = []
        var index: [MessageReference: Int] = [:]
        for (reference, _) in observed where index[reference] == nil {
            index[reference] = references.count
            references.append(reference)
        }
        let joined = try await store.campaigns(of: references)
        var unjoined: [(MessageReference, PendingStatus)] = []
        for (reference, status) in observed {
            if let join = joined[index[reference]!] {
                messages.observe(status, jobID: join.jobID, campaignID: join.campaignID)
            } else {
                unjoined.append((reference, status))
            }
        }
        for (join, (_, status)) in zip(try await store.park(unjoined), unjoined) {
            guard let join else { continue }
            messages.observe(status, jobID: join.jobID, campaignID: join.campaignID)
        }
        if !unjoined.isEmpty {
            Counter(label: "wasend_aggregator_statuses_parked_total").increment(by: Int64(unjoined.count))
        }
    }

    // MARK: Expiry

    /// Turns the messages whose expiry is due into `expired`, stamped with their due time.
    func fold(expiries: [String: [(jobID: JobID, due: Timestamp)]], now: Timestamp) async throws -> Outcome {
        var messages = CampaignMessages()
        for (campaignID, due) in expiries {
            for (jobID, at) in due {
                messages.observe(StageObservation(stage: .expired, at: at), jobID: jobID, campaignID: campaignID)
            }
        }
        return try await foldAndPublish(messages, now: now)
    }

    // MARK: Folding

    private func foldAndPublish(_ messages: CampaignMessages, now: Timestamp, settling: Bool = false) async throws -> Outcome {
        try await publishChanges(try await store.fold(messages.byCampaign, now: now), now: now, settling: settling)
    }

    /// Settles what `folded` proves sent (when `settling`), then publishes its changes.
    private func publishChanges(_ folded: [DeliveryStore.Folded], now: Timestamp, settling: Bool = false) async throws -> Outcome {
        var folded = folded
        var outcome = Outcome(folded: folded.count)
        for message in folded where message.changed {
            outcome.changedCampaigns.insert(message.campaignID)
        }
        if settling {
            try await settle(folded, now: now)
        }
        // Only states not published yet go out: those this fold changed, and those a fold
        // changed before a crash kept it from publishing them.
        folded = folded.filter(\.isUnpublished)
        // Two folders (the results and the webhooks loops, or two aggregators) may fold one
        // message at once and publish in the opposite order. A folder that finds a newer
        // version after its record landed publishes the newest state again: the last record of
        // every key is then its latest state.
        for _ in 0..<Self.maxRepublications where !folded.isEmpty {
            try await publish(folded)
            let versions = try await store.markPublished(folded)
            let stale = zip(folded, versions).filter { $0.0.version < $0.1 }.map(\.0)
            guard !stale.isEmpty else { break }
            var again = CampaignMessages()
            for message in stale {
                again.add(jobID: message.jobID, campaignID: message.campaignID)
            }
            folded = try await store.fold(again.byCampaign, now: now)
        }
        return outcome
    }

    private static let maxRepublications = 4

    private func publish(_ folded: [DeliveryStore.Folded]) async throws {
        let encoder = JSONEncoder()
        let records = try folded.map { message in
            KafkaProducerRecord(
                topic: topics.deliveries, key: message.jobID.rawValue, value: Array(try encoder.encode(message.record)))
        }
        try await producer.send(contentsOf: records)
        Counter(label: "wasend_aggregator_deliveries_published_total").increment(by: Int64(records.count))
    }

    /// A status for a job the sender never reported accepted proves the send: settling the
    /// ledger keeps a sender that lost track of the job (one that died mid-send) from sending
    /// it again, and counts it accepted once.
    private func settle(_ folded: [DeliveryStore.Folded], now: Timestamp) async throws {
        let inDoubt = folded.compactMap { message in
            message.record.state.acceptedAt == nil
                ? message.record.wamid.map { (jobID: message.jobID, campaignID: message.campaignID, wamid: $0) } : nil
        }
        for (job, settled) in zip(inDoubt, try await ledger.settle(inDoubt, at: now)) where settled {
            logger.info("in-doubt job settled by a webhook", metadata: ["job_id": "\(job.jobID)"])
        }
    }
}

/// Observations grouped by campaign, then by message, in the order they came.
struct CampaignMessages: Sendable {
    private var messages: [String: [JobID: MessageObservations]] = [:]

    var byCampaign: [String: [MessageObservations]] { messages.mapValues { Array($0.values) } }

    mutating func observe(
        _ observation: StageObservation, jobID: JobID, campaignID: String, wamid: String? = nil,
        recipient: String? = nil, pricingCategory: String? = nil
    ) {
        messages[campaignID, default: [:]][jobID, default: MessageObservations(jobID: jobID)].stages.append(observation)
        messages[campaignID]![jobID]!.merge(wamid: wamid, recipient: recipient, pricingCategory: pricingCategory)
    }

    /// A message to read back without observing anything.
    mutating func add(jobID: JobID, campaignID: String) {
        messages[campaignID, default: [:]][jobID] = MessageObservations(jobID: jobID)
    }

    mutating func observe(_ status: PendingStatus, jobID: JobID, campaignID: String) {
        observe(
            status.observation, jobID: jobID, campaignID: campaignID, wamid: status.wamid, recipient: status.recipient,
            pricingCategory: status.pricingCategory)
    }
}
