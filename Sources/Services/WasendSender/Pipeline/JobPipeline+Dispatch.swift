import Logging
import Metrics
import WasendCloudAPI
import WasendCampaigns
import WasendCore
import WasendKafka
import WasendLimits

extension JobPipeline {
    /// Takes due jobs while there are free send slots: the campaign gate, the limiter and the
    /// ledger decide each batch in one round trip apiece, then the reserved jobs are sent, each
    /// in its own child task. Returns when draining, after every send it started has come back.
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
                        let taken = state.room.takeDue(at: now, limit: min(free, configuration.admissionBatchSize))
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
                    // Jobs whose slot has come go at once; the others' Redis round trips come after.
                    let sorted = sort(due, now: now)
                    for pending in sorted.ready {
                        sends.addTask { await self.send(pending) }
                    }
                    for pending in await admit(sorted, now: now) {
                        sends.addTask { await self.send(pending) }
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
        /// Reserved, but near the end of their lease: to give back and admit again.
        var missed: [PendingJob] = []
        /// Reserved, but their partition was fetched again: the new copy takes over.
        var stale: [SendJob] = []
        var completions: [Completion] = []
    }

    /// How long before its reservation ends a job may still start its send: the sender's clock
    /// and Redis's may differ a little, and the request takes a moment to leave.
    static let leaseMargin = Duration.seconds(1)

    /// The latest moment an admitted job may start its send: a second before its reservation
    /// ends, or another sender may be about to resend it as in doubt. A job held up longer
    /// (a stalled finisher, a long Redis outage) is admitted again instead.
    func latestStart(of pending: PendingJob) -> Timestamp? {
        pending.leaseUntil.map { $0 - Self.leaseMargin }
    }

    /// Sorts due jobs without a round trip; every job taken holds a send slot until ``admit(_:now:)``
    /// gives back those of jobs not sent.
    private func sort(_ due: [PendingJob], now: Timestamp) -> DueJobs {
        var sorted = DueJobs(taken: due.count)
        let current = state.withLock { state in due.map { state.tracker.isCurrent($0.ticket) } }
        for (pending, isCurrent) in zip(due, current) {
            if !isCurrent {
                if pending.reserved { sorted.stale.append(pending.job) }
            } else if let latestStart = latestStart(of: pending) {
                if now <= latestStart {
                    sorted.ready.append(pending)
                } else {
                    sorted.missed.append(pending)
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

    /// Gives back what `sorted` does not send at once, admits the rest, and returns the jobs
    /// admitted whose slot has already come.
    private func admit(_ sorted: DueJobs, now: Timestamp) async -> [PendingJob] {
        var toSend: [PendingJob] = []
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
                    unreserved.leaseUntil = nil
                    return unreserved
                }
            } catch {
                redisFailed(error)
                held += sorted.missed.map { ($0, now + configuration.redisRetryInterval) }
            }
        }
        if !fresh.isEmpty {
            do {
                try await gate(fresh, now: now, toSend: &toSend, held: &held, completions: &completions)
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
        let sending = sorted.ready.count + toSend.count
        let toPause = state.withLock { state in
            state.inFlight -= sorted.taken - sending
            state.completions += completions
            return held.compactMap { state.room.hold($0.0, until: $0.1) }
        }
        do { try pause(toPause) } catch { logger.error("pausing partitions failed", metadata: ["error": "\(error)"]) }
        if !completions.isEmpty { finisherBell.ring() }
        return toSend
    }

    /// The campaign gate, the limiter and the ledger, for jobs not yet admitted. Throws when
    /// Redis cannot be reached: nothing is sent then.
    private func gate(
        _ jobs: [PendingJob], now: Timestamp, toSend: inout [PendingJob], held: inout [(PendingJob, Timestamp)],
        completions: inout [Completion]
    ) async throws {
        let statuses = try await parts.campaigns.statuses(of: Set(jobs.map(\.job.campaignID)))
        var admissible: [PendingJob] = []
        for pending in jobs {
            switch statuses[pending.job.campaignID] ?? nil {
            case .cancelled:
                completions.append(
                    Completion(ticket: pending.ticket, disposition: .final(pending.job, .skipped(.campaignCancelled))))
            case .paused, .draft, .scheduled:
                held.append((pending, now + configuration.recheckInterval))
            case .running, .completed, nil:
                admissible.append(pending)
            }
        }
        guard !admissible.isEmpty else { return }
        let headroom = configuration.throughputHeadroom
        let admissions = try await parts.limiter.admit(admissible.map(\.job)) { id in
            let number = self.numbers[id]
            let rate = Double(number?.throughput ?? 80) * headroom
            return NumberLimits(messagesPerSecond: max(1, Int(rate)), tier: number?.tier ?? .tier250)
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
                reserved.leaseUntil = leaseUntil
                if sendAt <= now {
                    toSend.append(reserved)
                } else {
                    held.append((reserved, sendAt))
                }
            case .alreadyFinal(let result):
                completions.append(Completion(ticket: pending.ticket, disposition: .republish(pending.job, result)))
            case .heldByLiveOwner(let until):
                wait(pending, until: until, limit: nil, now: now, held: &held, completions: &completions)
            case .inDoubt(_, let resendableAt):
                wait(pending, until: resendableAt, limit: nil, now: now, held: &held, completions: &completions)
            }
        }
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
        var next = pending.job
        next.attempt += 1
        next.notBefore = notBefore
        completions.append(
            Completion(
                ticket: pending.ticket, disposition: .retry(next: next, reserved: false, deferral: limit, slowDown: nil)))
    }

    /// One send; its outcome goes to the finisher.
    private func send(_ pending: PendingJob) async {
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
