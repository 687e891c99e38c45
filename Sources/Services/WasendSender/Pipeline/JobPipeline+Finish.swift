import Foundation
import Logging
import Metrics
import WasendCampaigns
import WasendCore
import WasendKafka

extension JobPipeline {
    /// Makes outcomes durable in batches: final results in the ledger (which counts each job
    /// once), released reservations, number controls, then every record in Kafka (acks=all);
    /// only then are the messages' offsets stored. A failing dependency is retried; nothing is
    /// stored meanwhile, so a crash replays the batch and the ledger keeps it from counting twice.
    func finish() async throws {
        for await _ in finisherBell.rings {
            while true {
                let batch = state.withLock { state -> [Completion] in
                    let taken = Array(state.completions.prefix(2_048))
                    state.completions.removeFirst(taken.count)
                    state.settling = taken.count
                    return taken
                }
                guard !batch.isEmpty else { break }
                try await settle(batch)
            }
        }
    }

    private struct Settlement {
        var finals: [SendOutcome] = []
        var releases: [SendJob] = []
        var throttled: [String: SendJob] = [:]
        /// Pairs Meta refused (131056), held until the job's retry.
        var heldPairs: [(job: SendJob, notBefore: Timestamp)] = []
        var stops: [(PendingJob, code: Int?)] = []
        var deferrals: [(campaignID: String, limit: SendLimit)] = []
        var records: [KafkaProducerRecord] = []
        var done: [OffsetTracker.Ticket] = []
    }

    private func settle(_ batch: [Completion]) async throws {
        let now = Timestamp.current
        var settlement = Settlement()
        for completion in batch {
            switch completion.disposition {
            case .final(let job, let result):
                let outcome = SendOutcome(job: job, finishedAt: completion.finishedAt, result: result)
                settlement.finals.append(outcome)
                settlement.records.append(resultRecord(outcome))
                settlement.done.append(completion.ticket)
            case .republish(let job, let result):
                settlement.records.append(
                    resultRecord(SendOutcome(job: job, finishedAt: completion.finishedAt, result: result)))
                settlement.done.append(completion.ticket)
            case .retry(let next, let reserved, let deferral, let slowDown):
                if reserved { settlement.releases.append(next) }
                if let deferral, let notBefore = next.notBefore {
                    settlement.deferrals.append((next.campaignID, deferral))
                    settlement.records.append(
                        resultRecord(
                            SendOutcome(
                                job: next, finishedAt: completion.finishedAt,
                                result: .deferred(limit: deferral, notBefore: notBefore))))
                }
                if slowDown == .number { settlement.throttled[next.phoneNumberID] = next }
                if slowDown == .pair, let notBefore = next.notBefore { settlement.heldPairs.append((next, notBefore)) }
                settlement.records.append(
                    KafkaProducerRecord(
                        topic: configuration.topics.jobsRetry, key: next.recipient.digits, value: next.jsonBytes()))
                settlement.done.append(completion.ticket)
            case .stopNumber(let pending, let error):
                settlement.releases.append(pending.job)
                settlement.stops.append((pending, error.code))
            case .deadLetter(let message, let reason, let detail):
                logger.error(
                    "record sent to the dead-letter topic",
                    metadata: ["reason": "\(reason)", "partition": "\(message.partition)", "offset": "\(message.offset)"])
                settlement.records.append(
                    try .deadLetter(
                        of: message, to: configuration.topics.deadLetters, service: "sender", reason: reason,
                        detail: detail, at: now))
                settlement.done.append(completion.ticket)
            }
        }
        try await makeDurable(settlement, now: now)
    }

    private func makeDurable(_ settlement: Settlement, now: Timestamp) async throws {
        // A job the ledger had already finished (a replay) counts in neither counters nor failure rate.
        var counted: [SendOutcome] = []
        if !settlement.finals.isEmpty {
            let firsts = try await retrying("Redis") { try await parts.ledger.finish(settlement.finals) }
            counted = zip(settlement.finals, firsts).filter(\.1).map(\.0)
        }
        if !settlement.releases.isEmpty {
            try await retrying("Redis") { try await parts.ledger.release(settlement.releases, owner: configuration.senderID) }
        }
        for job in settlement.throttled.values {
            let factor = try await retrying("Redis") {
                try await parts.controls.recordThrottle(portfolioID: job.portfolioID, phoneNumberID: job.phoneNumberID)
            }
            logger.warning(
                "number throttled by Meta (130429): slowing down",
                metadata: ["phone_number_id": "\(job.phoneNumberID)", "throttle_factor": "\(factor)"])
        }
        if !settlement.heldPairs.isEmpty {
            try await retrying("Redis") { try await parts.limiter.holdPair(of: settlement.heldPairs) }
        }
        try await stopNumbers(settlement.stops)
        if !settlement.deferrals.isEmpty {
            try await retrying("Redis") { try await parts.ledger.recordDeferrals(settlement.deferrals) }
        }
        if !settlement.records.isEmpty {
            try await retrying("Kafka") { try await parts.producer.send(contentsOf: settlement.records) }
        }
        let recheck = now + configuration.recheckInterval
        let (toStore, toPause) = state.withLock { state in
            state.settling = 0
            let toStore = settlement.done.compactMap { state.tracker.finish($0) }
            // Released above: the job goes through admission and the ledger again once the number may send.
            let toPause = settlement.stops.compactMap {
                state.room.hold(PendingJob(job: $0.0.job, ticket: $0.0.ticket), until: recheck)
            }
            return (toStore, toPause)
        }
        if !toStore.isEmpty { try parts.consumer.store(toStore) }
        try pause(toPause)
        dispatcherBell.ring()
        count(counted)
        let crossed = try await retrying("Redis") {
            try await parts.failures.record(
                counted.map { outcome in
                    (outcome.campaignID, { if case .failed = outcome.result { true } else { false } }())
                })
        }
        for campaignID in crossed {
            parts.campaigns.invalidate(campaignID)
            await parts.autoPause.pause(
                campaignID: campaignID, threshold: configuration.failureRateThreshold,
                window: configuration.failureRateWindow)
        }
    }

    /// A stop-the-sender answer (token, permission, block, billing): the number stops in Redis for
    /// every sender, an alert is logged and counted, and its jobs wait for a person to resume it.
    private func stopNumbers(_ stops: [(PendingJob, code: Int?)]) async throws {
        var seen = Set<String>()
        for (pending, code) in stops where seen.insert(pending.job.phoneNumberID).inserted {
            let reason = code.map { "error_\($0)" } ?? "stop_sender"
            try await retrying("Redis") {
                try await parts.controls.stop(
                    portfolioID: pending.job.portfolioID, phoneNumberID: pending.job.phoneNumberID, reason: reason)
            }
            let now = ContinuousClock.now
            let alerted = state.withLock { state in
                if let last = state.stopAlerts[pending.job.phoneNumberID], now - last < .seconds(60) { return true }
                state.stopAlerts[pending.job.phoneNumberID] = now
                return false
            }
            if alerted { continue }
            logger.critical(
                "ALERT: number stopped by a stop-the-sender error; its jobs wait until it is resumed",
                metadata: ["phone_number_id": "\(pending.job.phoneNumberID)", "reason": "\(reason)"])
            Counter(label: "wasend_sender_number_stops_total", dimensions: [("reason", reason)]).increment()
        }
    }

    private func count(_ finals: [SendOutcome]) {
        var byOutcome: [String: Int64] = [:]
        for outcome in finals {
            let name =
                switch outcome.result {
                case .accepted: "accepted"
                case .failed: "failed"
                case .skipped: "skipped"
                case .deferred: "deferred"
                }
            byOutcome[name, default: 0] += 1
        }
        for (name, value) in byOutcome {
            Counter(label: "wasend_sender_results_total", dimensions: [("outcome", name)]).increment(by: value)
        }
    }

    private func resultRecord(_ outcome: SendOutcome) -> KafkaProducerRecord {
        KafkaProducerRecord(topic: configuration.topics.results, key: outcome.jobID.rawValue, value: outcome.jsonBytes(capacity: 256))
    }

    /// Runs `body` until it succeeds: a dependency that is down holds the batch (and, for Redis,
    /// all sending), it never drops it. Gives up only when the task is cancelled.
    @discardableResult
    private func retrying<Value>(_ dependency: String, _ body: () async throws -> Value) async throws -> Value {
        let redis = dependency == "Redis"
        let outage = DependencyOutage(
            counterLabel: "wasend_sender_dependency_outages_total", retryInterval: configuration.redisRetryInterval,
            logger: logger)
        return try await outage.retrying(dependency, onEachFailure: { if redis { redisFailed($0) } }) {
            let value = try await body()
            if redis { redisIsBack() }
            return value
        }
    }
}
