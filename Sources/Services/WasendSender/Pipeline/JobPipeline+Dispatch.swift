import Logging
import Metrics
import WasendCloudAPI
import WasendCampaigns
import WasendCore
import WasendKafka
import WasendLimits

extension JobPipeline {
    /// Takes due jobs while there are free send slots and sends those admitted. Jobs still to
    /// admit go to the campaign gate, the limiter and the ledger in a child task (one round trip
    /// apiece per batch, up to ``SenderConfiguration/concurrentAdmissions`` batches at once), so
    /// the loop is back for the next slots at once: a send that waited for another batch's round
    /// trips would leave late, next to on-time ones. Fresh jobs are taken only while the
    /// ``AdmissionWindow`` has room, so jobs are not reserved faster than they can leave. Each
    /// send runs in its own child task. Returns when draining, after every admission and send it
    /// started has come back.
    func dispatch() async throws {
        await withDiscardingTaskGroup { sends in
            for await _ in dispatcherBell.rings {
                while true {
                    let now = Timestamp.current
                    let (due, resume, draining) = state.withLock { state in
                        guard !state.draining else { return ([PendingJob](), [KafkaTopicPartition](), true) }
                        // Sends in flight are bounded, and so are outcomes waiting to become durable:
                        // a slow Kafka or Redis slows the sending instead of filling memory.
                        let unsettled = state.inFlight + state.completions.count + state.settling
                        let free = min(
                            configuration.maxInFlight - state.inFlight, configuration.maxInFlight * 8 - unsettled)
                        let admissible =
                            state.admissions < configuration.concurrentAdmissions
                            ? state.admissionWindow.room(besides: state.room.admittedCount) : 0
                        let taken = state.room.takeDue(
                            at: now, limit: min(free, configuration.admissionBatchSize), unadmittedLimit: admissible)
                        state.inFlight += taken.jobs.count
                        return (taken.jobs, taken.resume, false)
                    }
                    if draining { break }
                    if !resume.isEmpty {
                        do { try parts.consumer.resume(resume) } catch {
                            logger.error("resuming partitions failed", metadata: ["error": "\(error)"])
                        }
                    }
                    guard !due.isEmpty else { break }
                    let sorted = sort(due, now: now)
                    for pending in sorted.ready {
                        sends.addTask { await self.send(pending) }
                    }
                    state.withLock { state in
                        state.admissionWindow.record(onTime: sorted.ready.count, late: sorted.late)
                        if sorted.needsAdmission { state.admissions += 1 }
                    }
                    guard sorted.needsAdmission else { continue }
                    sends.addTask {
                        await self.admit(sorted, now: now)
                        self.state.withLock { $0.admissions -= 1 }
                        self.dispatcherBell.ring()
                    }
                }
                if state.withLock({ $0.draining }) { break }
            }
        }
        state.withLock { $0.dispatcherStopped = true }
        finisherBell.ring()
    }

    /// Due jobs by what happens to them next.
    private struct DueJobs {
        var taken = 0
        /// Reserved, and their slot has come: to send now.
        var ready: [PendingJob] = []
        /// Not admitted yet: to the campaign gate, the limiter and the ledger.
        var fresh: [PendingJob] = []
        /// Reserved, but past their slot, near the end of their lease, or of a campaign paused or
        /// cancelled since: to give back and admit again.
        var missed: [PendingJob] = []
        /// How many of `missed` are there for being late, which narrows the admission window.
        var late = 0
        /// Reserved, but their partition was fetched again: the new copy takes over.
        var stale: [SendJob] = []
        var completions: [Completion] = []

        /// Whether anything is left for ``JobPipeline/admit(_:now:)``: jobs to admit or give
        /// back, outcomes to hand on, or send slots to give back.
        var needsAdmission: Bool { taken > ready.count }
    }

    /// The most an admission asks its slots to be ahead of now, however slow its round trips were.
    static let maxAdmissionLead = Duration.seconds(2)

    /// How long before its reservation ends a job may still start its send: the sender's clock
    /// and Redis's may differ a little, and the request takes a moment to leave.
    static let leaseMargin = Duration.seconds(1)

    /// The latest moment an admitted job may start its send. The limiter spaces slots at
    /// `headroom × rate`; a send that starts `δ` after its slot can share a second at Meta with
    /// sends on time, and that second still holds at most `rate` sends while
    /// `δ ≤ (1 − headroom) / headroom − 1 / (headroom × rate)` (47 ms at 200/s and 0.95). A send
    /// held up longer (a Redis outage, a stalled finisher, a starved process) is admitted again
    /// instead. Its reservation must also outlast it by ``leaseMargin``, or another sender may be
    /// about to resend it as in doubt.
    func latestStart(of pending: PendingJob) -> Timestamp? {
        guard let admission = pending.admission else { return nil }
        let headroom = configuration.limiter.throughputHeadroom
        let rate = Double(numbers[pending.job.phoneNumberID]?.throughput ?? 80)
        let tolerance = max(0, (1 - headroom) / headroom - 1 / (headroom * rate))
        return min(admission.slot + .seconds(tolerance), admission.leaseUntil - Self.leaseMargin)
    }

    /// Sorts due jobs without a round trip; every job taken holds a send slot until ``admit(_:now:)``
    /// gives back those of jobs not sent now.
    private func sort(_ due: [PendingJob], now: Timestamp) -> DueJobs {
        var sorted = DueJobs(taken: due.count)
        let current = state.withLock { state in due.map { state.tracker.isCurrent($0.ticket) } }
        // A campaign paused or cancelled since its jobs were admitted: they go back to the gate,
        // which holds or skips them.
        let halted = parts.campaigns.haltedCampaigns(among: due.lazy.filter(\.reserved).map(\.job.campaignID))
        for (pending, isCurrent) in zip(due, current) {
            if !isCurrent {
                if pending.reserved { sorted.stale.append(pending.job) }
            } else if let latestStart = latestStart(of: pending) {
                if now > latestStart {
                    sorted.late += 1
                    sorted.missed.append(pending)
                } else if halted.contains(pending.job.campaignID) {
                    sorted.missed.append(pending)
                } else {
                    sorted.ready.append(pending)
                }
            } else if numbers[pending.job.phoneNumberID] == nil {
                sorted.completions.append(
                    Completion(
                        ticket: pending.ticket,
                        disposition: .final(
                            pending.job,
                            .failed(
                                code: SendResult.transportFailureCode, errorClass: .permanent,
                                details: "sender number \(pending.job.phoneNumberID) is not configured in this sender"))))
            } else {
                sorted.fresh.append(pending)
            }
        }
        return sorted
    }

    /// Gives back what `sorted` does not send at once and admits the rest. Admitted jobs join the
    /// waiting room until their slot, even one that has come: the dispatch loop alone starts
    /// sends, so one check decides whether a send is still on time.
    private func admit(_ sorted: DueJobs, now: Timestamp) async {
        var held: [(PendingJob, Timestamp)] = []
        var completions = sorted.completions
        var fresh = sorted.fresh
        if !sorted.missed.isEmpty {
            // Never sent, so giving the reservation back cannot cause a second send.
            do {
                try await parts.ledger.release(sorted.missed.map(\.job), owner: configuration.senderID)
                Counter(label: "wasend_sender_readmissions_total").increment(by: Int64(sorted.missed.count))
                fresh += sorted.missed.map { pending in
                    var unreserved = pending
                    unreserved.admission = nil
                    return unreserved
                }
            } catch {
                redisFailed(error)
                held += sorted.missed.map { ($0, now + configuration.redisRetryInterval) }
            }
        }
        if !fresh.isEmpty {
            // What the gate decided counts only if it got through: after a failure every job is retried.
            var gated: [(PendingJob, Timestamp)] = []
            var gatedCompletions: [Completion] = []
            do {
                try await gate(fresh, now: now, held: &gated, completions: &gatedCompletions)
                held += gated
                completions += gatedCompletions
                redisIsBack()
            } catch {
                redisFailed(error)
                let retryAt = now + configuration.redisRetryInterval
                held += fresh.map { ($0, retryAt) }
            }
        }
        if !sorted.stale.isEmpty {
            try? await parts.ledger.release(sorted.stale, owner: configuration.senderID)
        }
        let toPause = state.withLock { state in
            state.inFlight -= sorted.taken - sorted.ready.count
            state.completions += completions
            return held.compactMap { state.room.hold($0.0, until: $0.1) }
        }
        do { try pause(toPause) } catch { logger.error("pausing partitions failed", metadata: ["error": "\(error)"]) }
        if !completions.isEmpty { finisherBell.ring() }
    }

    /// The campaign gate, the limiter and the ledger, for jobs not yet admitted. Throws when
    /// Redis cannot be reached: nothing is sent then.
    private func gate(
        _ jobs: [PendingJob], now: Timestamp, held: inout [(PendingJob, Timestamp)],
        completions: inout [Completion]
    ) async throws {
        let statuses = try await parts.campaigns.statuses(of: Set(jobs.map(\.job.campaignID)))
        var admissible: [PendingJob] = []
        var unknown: [PendingJob] = []
        defer { holdUnknownCampaigns(unknown, now: now, held: &held) }
        for pending in jobs {
            switch statuses[pending.job.campaignID] ?? nil {
            case .cancelled:
                completions.append(
                    Completion(ticket: pending.ticket, disposition: .final(pending.job, .skipped(.campaignCancelled))))
            case .paused, .draft, .scheduled:
                held.append((pending, now + configuration.recheckInterval))
            case .running, .completed:
                admissible.append(pending)
            case nil:
                unknown.append(pending)
            }
        }
        guard !admissible.isEmpty else { return }
        let started = ContinuousClock.now
        let lead = state.withLock { min($0.admissionTime * 2, Self.maxAdmissionLead) }
        let admissions = try await parts.limiter.admit(admissible.map(\.job), lead: lead) { id in
            let number = self.numbers[id]
            return NumberLimits(messagesPerSecond: number?.throughput ?? 80, tier: number?.tier ?? .tier250)
        }
        var admitted: [(PendingJob, Timestamp)] = []
        for (pending, admission) in zip(admissible, admissions) {
            switch admission {
            case .admitted(let sendAt):
                admitted.append((pending, sendAt))
            case .deferred(let limit, let notBefore):
                wait(pending, until: notBefore, limit: limit, now: now, held: &held, completions: &completions)
            case .stopped(let reason):
                logger.debug(
                    "number stopped; job waits",
                    metadata: ["phone_number_id": "\(pending.job.phoneNumberID)", "reason": "\(reason)"])
                held.append((pending, now + configuration.recheckInterval))
            }
        }
        guard !admitted.isEmpty else { return }
        let reservations = try await parts.ledger.reserve(admitted.map(\.0.job), owner: configuration.senderID)
        let took = ContinuousClock.now - started
        state.withLock { $0.admissionTime = max(took, $0.admissionTime - $0.admissionTime / 16) }
        for ((pending, sendAt), reservation) in zip(admitted, reservations) {
            switch reservation {
            case .reserved(let leaseUntil, let inDoubtSince):
                if let inDoubtSince {
                    logger.warning(
                        "job in doubt sent again: no webhook settled it",
                        metadata: ["job_id": "\(pending.job.jobID)", "reserved_at": "\(inDoubtSince)"])
                    Counter(label: "wasend_sender_in_doubt_resends_total").increment()
                }
                var reserved = pending
                reserved.admission = PendingJob.Admission(slot: sendAt, leaseUntil: leaseUntil)
                held.append((reserved, sendAt))
            case .alreadyFinal(let result):
                completions.append(Completion(ticket: pending.ticket, disposition: .republish(pending.job, result)))
            case .heldByLiveOwner(let until):
                wait(pending, until: until, limit: nil, now: now, held: &held, completions: &completions)
            case .inDoubt(_, let resendableAt):
                wait(pending, until: resendableAt, limit: nil, now: now, held: &held, completions: &completions)
            case .campaignUnknown:
                unknown.append(pending)
            }
        }
    }

    /// Every job's campaign is in Redis from before the job exists: one that is not means Redis lost
    /// its data and the aggregator has not restored it yet (see ``SendLedger``, and Reliability in
    /// the README). Its jobs wait in memory and are checked again, so nothing is sent on an empty
    /// ledger or tier window.
    private func holdUnknownCampaigns(_ jobs: [PendingJob], now: Timestamp, held: inout [(PendingJob, Timestamp)]) {
        guard !jobs.isEmpty else { return }
        logger.warning(
            "jobs wait: their campaign is not in Redis (its data lost and not restored yet)",
            metadata: ["jobs": "\(jobs.count)", "campaign_id": "\(jobs[0].job.campaignID)"])
        Counter(label: "wasend_sender_unknown_campaign_waits_total").increment(by: Int64(jobs.count))
        for pending in jobs { held.append((pending, now + configuration.recheckInterval)) }
    }

    /// A short wait stays in memory; a long one goes through the retry topic, so the partition's
    /// offset can move on and memory stays free for jobs that can go.
    private func wait(
        _ pending: PendingJob, until notBefore: Timestamp, limit: SendLimit?, now: Timestamp,
        held: inout [(PendingJob, Timestamp)], completions: inout [Completion]
    ) {
        if notBefore - now <= configuration.holdWindow {
            held.append((pending, notBefore))
            return
        }
        // Not an attempt: the job was not sent, and its attempts are the budget for failures.
        var next = pending.job
        next.notBefore = notBefore
        completions.append(
            Completion(
                ticket: pending.ticket, disposition: .retry(next: next, reserved: false, deferral: limit, slowDown: nil)))
    }

    /// One send; its outcome goes to the finisher.
    private func send(_ pending: PendingJob) async {
        // The loop checked the slot when it started this task; on a busy process the task itself
        // may start later. Late now, the job goes back to the loop to be admitted again.
        if let latestStart = latestStart(of: pending), Timestamp.current > latestStart {
            let toPause = state.withLock { state in
                state.inFlight -= 1
                state.admissionWindow.record(onTime: 0, late: 1)
                return state.room.hold(pending, until: .epoch)
            }
            do { try pause(toPause.map { [$0] } ?? []) } catch {
                logger.error("pausing partitions failed", metadata: ["error": "\(error)"])
            }
            dispatcherBell.ring()
            return
        }
        var random = SystemRandomNumberGenerator()
        let outcome: CloudAPISendOutcome
        if let client = parts.providers.client(for: pending.job.phoneNumberID) {
            outcome = await client.send(pending.job)
        } else {
            outcome = .failed(
                CloudAPIError(
                    code: nil, message: "no client for number \(pending.job.phoneNumberID)",
                    advice: ErrorAdvice(errorClass: .permanent, scope: .phoneNumber, retryTiming: .never)))
        }
        let decision = SendDecision.decide(
            outcome, for: pending.job, policy: configuration.retryPolicy, now: .current, using: &random)
        let disposition: Completion.Disposition
        switch decision {
        case .accepted(let wamid, let messageStatus):
            disposition = .final(pending.job, .accepted(wamid: wamid, messageStatus: messageStatus))
        case .failed(let code, let errorClass, let details):
            disposition = .final(pending.job, .failed(code: code, errorClass: errorClass, details: details))
        case .retry(let attempt, let notBefore, let slowDown, let cause):
            var next = pending.job
            next.attempt = attempt
            next.notBefore = notBefore
            let throttled = cause.advice.errorClass == .throttled
            // A send Meta may have taken keeps its reservation: the retry then waits for a status
            // webhook to settle it, or for the in-doubt window, instead of sending it twice.
            disposition = .retry(
                next: next, reserved: !cause.mayHaveBeenTaken, deferral: throttled ? .providerThrottled : nil,
                slowDown: slowDown)
        case .stopNumber(let error):
            disposition = .stopNumber(pending, error)
        }
        state.withLock { state in
            state.inFlight -= 1
            state.completions.append(Completion(ticket: pending.ticket, disposition: disposition))
        }
        dispatcherBell.ring()
        finisherBell.ring()
    }

    func redisFailed(_ error: any Error) {
        let first = state.withLock { state in
            defer { state.redisUnavailable = true }
            return !state.redisUnavailable
        }
        if first {
            logger.error("Redis unavailable: sending stops until it is back", metadata: ["error": "\(error)"])
            Counter(label: "wasend_sender_redis_outages_total").increment()
        }
    }

    func redisIsBack() {
        let wasDown = state.withLock { state in
            defer { state.redisUnavailable = false }
            return state.redisUnavailable
        }
        if wasDown { logger.notice("Redis reachable again: sending resumes") }
    }
}
