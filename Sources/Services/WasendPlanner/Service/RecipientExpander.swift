import Logging
import Metrics
import WasendCampaigns
import WasendCore
import WasendKafka

/// The consume-transform-produce loop over `wasend.recipients`: each batch record becomes jobs
/// and skipped results, produced in a Kafka transaction together with the consumed offsets, so
/// a planner killed at any point and restarted produces each job exactly once.
///
/// Records are handled in partition order. A record that may not be expanded yet (its upload
/// is still open, its campaign is paused, scheduled, unknown, or has too many queued jobs)
/// holds its partition only: fetching from that partition pauses (``HeldPartitions``) while
/// the others flow, and the planner looks at the held records again every `recheckInterval`.
/// Memory holds one transaction's records per lane, a few fetched records per busy lane and
/// the held partitions' prefetched records, whatever the campaigns' sizes.
///
/// The partitions are shared among ``ExpansionLane``s, each with its own transaction. Every
/// fetched batch is split by lane and each lane advances on its share as soon as it is free:
/// while one waits for Redis or for its commit, the others work and fetching goes on.
struct RecipientExpander: Sendable {
    let configuration: PlannerConfiguration
    let consumer: KafkaConsumer
    /// One transactional producer per lane.
    let producers: [KafkaProducer]
    let store: PlannerStore
    let directory: CampaignDirectory
    let follower: CampaignFollower
    let logger: Logger
    private let openJobs = OpenTransactionJobs()
    private let settledUploads = SettledUploads()

    init(
        configuration: PlannerConfiguration, consumer: KafkaConsumer, producers: [KafkaProducer], store: PlannerStore,
        directory: CampaignDirectory, follower: CampaignFollower, logger: Logger
    ) {
        self.configuration = configuration
        self.consumer = consumer
        self.producers = producers
        self.store = store
        self.directory = directory
        self.follower = follower
        self.logger = logger
    }

    private enum Action {
        case expand(CampaignPlan, cancelled: Bool)
        case consumeOnly
        case deadLetter(reason: String, detail: String)
        case wait(CampaignGate.WaitReason)
    }

    /// What became of one record.
    private enum Outcome {
        /// It is in the pending transaction (expanded, consumed or dead-lettered).
        case done
        /// It must wait, decoded as `batch`.
        case wait(CampaignGate.WaitReason, RecipientStreamRecord.RecipientBatch)
    }

    /// What the wait for the next batch of records ended with.
    private enum Arrival: Sendable {
        case batch([KafkaConsumerMessage])
        /// Nothing came in time: held partitions are due for a look, or the transaction for its commit.
        case waitOver
        case end
    }

    /// What the lanes' scheduling waits for: the next fetch, or a lane done with its share.
    private enum Event: Sendable {
        case arrival(Arrival)
        case advanced(ExpansionLane, index: Int)
    }

    /// The most fetched records waiting for a busy lane before fetching pauses (``LaneScheduling``):
    /// two fetches' worth.
    private static let maxWaitingPerLane = 16

    /// Fetches while the lanes work: each lane advances on the records of its partitions as soon
    /// as it is free, without waiting for the others (a lane committing held the other one up by
    /// a fifth of its time when every fetch waited for all lanes).
    func run() async throws {
        try await follower.waitUntilCaughtUp(pollingEvery: configuration.recheckInterval)
        logger.info("campaigns read; expanding recipients", metadata: ["lanes": "\(producers.count)"])
        var scheduling = LaneScheduling<ExpansionLane, KafkaConsumerMessage>(
            lanes: producers.map(ExpansionLane.init(producer:)), maxWaitingPerLane: Self.maxWaitingPerLane)
        let laneCount = producers.count
        try await withThrowingTaskGroup(of: Event.self) { group in
            while !scheduling.isFinished {
                try Task.checkCancellation()
                while let next = scheduling.nextLaneToAdvance(isDue: { longestWait(for: $0) == .zero }) {
                    group.addTask {
                        var lane = next.lane
                        try await advance(&lane, with: next.records)
                        return .advanced(lane, index: next.index)
                    }
                }
                if scheduling.startFetch() {
                    // The free lanes' deadlines bound the wait; a busy lane may be due when it is
                    // back, so while one is busy the wait is at most a linger.
                    let wait = scheduling.freeLanes.compactMap(longestWait(for:)).min()
                        ?? (scheduling.hasBusyLane ? configuration.transactionLinger : nil)
                    group.addTask { .arrival(try await nextArrival(waitingAtMost: wait)) }
                }
                switch try await group.next() {
                case nil:
                    return
                case .advanced(let lane, let index):
                    scheduling.finished(lane, at: index)
                case .arrival(.end):
                    scheduling.ended()
                case .arrival(.waitOver):
                    scheduling.fetched([])
                case .arrival(.batch(let batch)):
                    scheduling.fetched(batch.map { ($0, ExpansionLane.index(of: $0.partition, among: laneCount)) })
                }
            }
        }
    }

    private func advance(_ lane: inout ExpansionLane, with messages: [KafkaConsumerMessage]) async throws {
        for message in messages where !lane.held.keepIfHeld(message) {
            try await offer(message, into: &lane)
        }
        if !lane.held.isEmpty, ContinuousClock.now - lane.lastRecheck >= configuration.recheckInterval {
            try await recheck(&lane)
            lane.lastRecheck = .now
        }
        if let openedAt = lane.transaction.openedAt, ContinuousClock.now - openedAt >= configuration.transactionLinger {
            try await commit(&lane)
        }
    }

    /// How long the next batch may be waited for by `lane`: until its held partitions are due
    /// for a look, or its open transaction for its commit; without either, as long as it takes.
    private func longestWait(for lane: ExpansionLane) -> Duration? {
        let untilCommit = lane.transaction.openedAt.map { configuration.transactionLinger - (ContinuousClock.now - $0) }
        let untilRecheck = lane.held.isEmpty ? nil : configuration.recheckInterval - (ContinuousClock.now - lane.lastRecheck)
        switch (untilCommit, untilRecheck) {
        case (let commit?, let recheck?): return max(.zero, min(commit, recheck))
        case (let wait?, nil), (nil, let wait?): return max(.zero, wait)
        case (nil, nil): return nil
        }
    }

    /// The next batch, waited for at most `longestWait` if there is one.
    private func nextArrival(waitingAtMost longestWait: Duration?) async throws -> Arrival {
        guard let longestWait else {
            return try await consumer.nextBatch().map(Arrival.batch) ?? .end
        }
        let consumer = self.consumer
        return try await withThrowingTaskGroup(of: Arrival.self) { group in
            group.addTask { try await consumer.nextBatch().map(Arrival.batch) ?? .end }
            group.addTask {
                try? await Task.sleep(for: longestWait)
                return .waitOver
            }
            let first = try await group.next() ?? .end
            group.cancelAll()
            // A batch handed over just as the wait was cancelled must not be lost.
            let second = try await group.next() ?? .end
            switch (first, second) {
            case (.batch(let batch), _), (_, .batch(let batch)): return .batch(batch)
            case (.waitOver, _): return Task.isCancelled ? .end : .waitOver
            default: return .end
            }
        }
    }

    /// Processes a record of a partition that is not held; if it must wait, its partition is held.
    private func offer(_ message: KafkaConsumerMessage, into lane: inout ExpansionLane) async throws {
        guard case .wait(let reason, let batch) = try await process(message, decoded: nil, into: &lane.transaction)
        else {
            return try await commitIfFull(&lane)
        }
        lane.held.hold(message, batch: batch, reason: reason)
        try consumer.pause([KafkaTopicPartition(topic: message.topic, partition: message.partition)])
        logger.info(
            "campaign waits; its partition is paused",
            metadata: ["campaign_id": "\(batch.campaignID)", "reason": "\(reason.rawValue)", "partition": "\(message.partition)"])
    }

    /// Looks again at every held partition's head, and processes what may go on.
    private func recheck(_ lane: inout ExpansionLane) async throws {
        // Campaigns found waiting as a whole (paused, scheduled, at the bound) in this round:
        // their other partitions need no look until the next round.
        var waitingCampaigns = Set<String>()
        for partition in lane.held.partitions {
            while let entry = lane.held[partition] {
                if let campaignID = entry.campaignID, waitingCampaigns.contains(campaignID) { break }
                switch try await process(entry.head, decoded: entry.headBatch, into: &lane.transaction) {
                case .wait(let reason, let batch):
                    if reason != entry.reason {
                        logger.info(
                            "campaign waits", metadata: ["campaign_id": "\(batch.campaignID)", "reason": "\(reason.rawValue)"])
                    }
                    lane.held.update(partition, batch: batch, reason: reason)
                    if reason != .uploadOpen { waitingCampaigns.insert(batch.campaignID) }
                case .done:
                    if lane.held.dropHead(of: partition) {
                        try consumer.resume([partition])
                        logger.info("partition resumed", metadata: ["partition": "\(partition.partition)"])
                    }
                    try await commitIfFull(&lane)
                    continue
                }
                break
            }
        }
    }

    private func process(
        _ message: KafkaConsumerMessage, decoded: RecipientStreamRecord.RecipientBatch?,
        into transaction: inout PendingTransaction
    ) async throws -> Outcome {
        let batch: RecipientStreamRecord.RecipientBatch
        if let decoded {
            batch = decoded
        } else {
            let record: RecipientStreamRecord
            do {
                record = try RecipientStreamRecord(json: message.value)
            } catch {
                try deadLetter(message, reason: "unreadable_record", detail: "\(error)", into: &transaction)
                return .done
            }
            guard case .batch(let recipients) = record else {
                // Upload markers: the UploadMarkerRecorder has recorded them.
                transaction.consume(message)
                return .done
            }
            batch = recipients
        }
        switch try await action(for: batch, message: message) {
        case .consumeOnly:
            transaction.consume(message)
        case .deadLetter(let reason, let detail):
            try deadLetter(message, reason: reason, detail: detail, into: &transaction)
        case .expand(let plan, let cancelled):
            try await expand(batch, of: plan, cancelled: cancelled, from: message, into: &transaction)
        case .wait(let reason):
            return .wait(reason, batch)
        }
        return .done
    }

    private func expand(
        _ batch: RecipientStreamRecord.RecipientBatch, of plan: CampaignPlan, cancelled: Bool,
        from message: KafkaConsumerMessage, into transaction: inout PendingTransaction
    ) async throws {
        var expansion = BatchExpansion(
            plan: plan, batch: batch, partition: message.partition, offset: message.offset, cancelled: cancelled,
            now: .current)
        expansion.complete(
            with: try await store.screen(expansion.candidates, campaignID: plan.campaignID, portfolioID: plan.portfolioID))
        var records: [KafkaProducerRecord] = []
        records.reserveCapacity(batch.recipients.count)
        for job in expansion.jobs {
            records.append(
                KafkaProducerRecord(topic: configuration.topics.jobs, key: job.recipient.digits, value: job.jsonBytes()))
        }
        for skipped in expansion.skipped {
            records.append(
                KafkaProducerRecord(topic: configuration.topics.results, key: skipped.key, value: skipped.jsonBytes(capacity: 384)))
        }
        transaction.add(expansion, records: records, batch: SourcePosition(partition: message.partition, offset: message.offset, index: 0))
        if !cancelled {
            // The action reserved a job per recipient; the skipped ones are not queued.
            openJobs.release(Int64(batch.recipients.count - expansion.jobs.count), campaignID: plan.campaignID)
        }
        transaction.consume(message)
    }

    private func commitIfFull(_ lane: inout ExpansionLane) async throws {
        if lane.transaction.recipients >= configuration.maxRecipientsPerTransaction {
            try await commit(&lane)
        }
    }

    private func action(
        for batch: RecipientStreamRecord.RecipientBatch, message: KafkaConsumerMessage
    ) async throws -> Action {
        let now = Timestamp.current
        let age = message.timestampMilliseconds.map { Timestamp(millisecondsSinceEpoch: $0).duration(to: now) } ?? .zero
        switch try await uploadStatus(of: batch) {
        case nil:
            guard age < configuration.uploadCommitTimeout else {
                return .deadLetter(
                    reason: "upload_not_committed", detail: "upload \(batch.uploadID) neither committed nor aborted")
            }
            return .wait(.uploadOpen)
        case .aborted:
            return .consumeOnly
        case .committed(let batches):
            guard batch.sequence < batches else {
                return .deadLetter(
                    reason: "batch_outside_upload",
                    detail: "batch \(batch.sequence) of upload \(batch.uploadID), which committed \(batches) batches")
            }
        }
        let campaign = directory.campaign(id: batch.campaignID)
        let cancelled: Bool
        switch CampaignGate.decide(for: campaign, now: now) {
        case .wait(.unknownCampaign) where age >= configuration.unknownCampaignTimeout:
            return .deadLetter(reason: "unknown_campaign", detail: "no campaign \(batch.campaignID) on the campaigns topic")
        case .wait(let reason):
            return .wait(reason)
        case .deadLetter(let reason, let detail):
            return .deadLetter(reason: reason, detail: detail)
        case .skipAsCancelled:
            cancelled = true
        case .expand:
            cancelled = false
        }
        guard let campaign else { return .wait(.unknownCampaign) }
        let plan = CampaignPlan(record: campaign)
        if !cancelled {
            let queued = try await store.queuedJobs(campaignID: batch.campaignID)
            let reserved = openJobs.reserve(
                Int64(batch.recipients.count), campaignID: batch.campaignID, queued: queued,
                bound: configuration.maxBacklogPerCampaign)
            if !reserved { return .wait(.backlogFull) }
        }
        return .expand(plan, cancelled: cancelled)
    }

    /// The status of the batch's upload: from the cache once settled, else from Redis.
    private func uploadStatus(of batch: RecipientStreamRecord.RecipientBatch) async throws -> UploadStatus? {
        if let settled = settledUploads.status(campaignID: batch.campaignID, uploadID: batch.uploadID) { return settled }
        let status = try await store.uploadStatus(campaignID: batch.campaignID, uploadID: batch.uploadID)
        if let status { settledUploads.record(status, campaignID: batch.campaignID, uploadID: batch.uploadID) }
        return status
    }

    private func deadLetter(
        _ message: KafkaConsumerMessage, reason: String, detail: String, into transaction: inout PendingTransaction
    ) throws {
        logger.error(
            "record sent to the dead-letter topic",
            metadata: ["reason": "\(reason)", "partition": "\(message.partition)", "offset": "\(message.offset)"])
        transaction.produce(
            try .deadLetter(
                of: message, to: configuration.topics.deadLetters, service: "planner", reason: reason, detail: detail))
        transaction.consume(message)
        Counter(label: "wasend_planner_dead_letters_total", dimensions: [("reason", reason)]).increment()
    }

    /// Produces the pending records and commits them with the consumed offsets, atomically.
    /// The counters are added before the commit, once per batch: a transaction that is retried
    /// or replayed after a crash finds them added and adds nothing.
    private func commit(_ lane: inout ExpansionLane) async throws {
        let transaction = lane.transaction
        let producer = lane.producer
        guard !transaction.isEmpty else { return }
        var attempt = 1
        while true {
            do {
                try producer.beginTransaction()
                try await producer.send(contentsOf: transaction.records)
                try await producer.sendOffsetsToTransaction(for: transaction.consumed, consumer: consumer)
                for counts in transaction.counts {
                    try await store.count(counts.increments, campaignID: counts.campaignID, batch: counts.batch)
                }
                try await producer.commitTransaction()
                // The same offsets again, outside the transaction: librdkafka's mock cluster (the
                // embedded Kafka) acknowledges offsets sent to a transaction without storing them.
                // On a real cluster this commits what the transaction already committed.
                try await consumer.commit(transaction.consumed)
                break
            } catch let error as KafkaError where error.transactionRequiresAbort && !error.isFatal && attempt < 3 {
                logger.warning("transaction aborted; retrying it", metadata: ["error": "\(error)", "attempt": "\(attempt)"])
                try await producer.abortTransaction()
                attempt += 1
            } catch {
                // The consumer's position is past these records: only a restart from the committed
                // offsets replays them. Abort (best effort) so that nothing of this attempt is visible.
                try? await producer.abortTransaction()
                throw error
            }
        }
        for (campaignID, jobs) in transaction.plannedJobs {
            openJobs.release(jobs, campaignID: campaignID)
        }
        Counter(label: "wasend_planner_jobs_total").increment(by: Int64(transaction.jobs))
        Counter(label: "wasend_planner_recipients_total").increment(by: Int64(transaction.recipients))
        lane.transaction = PendingTransaction()
    }
}
