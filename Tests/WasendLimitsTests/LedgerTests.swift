import Testing
import WasendCore
import WasendLimits
import WasendRedis

/// The send ledger and the campaign counters it keeps, on a clock the test moves.
@Suite(.serialized) struct LedgerTests {
    let clock = ManualClock()

    func ledger(_ environment: LimitsTestEnvironment) -> SendLedger {
        SendLedger(
            redis: environment.redis,
            configuration: SendLedgerConfiguration(
                leaseLength: .seconds(30), inDoubtResendAfter: .seconds(600), entryLifetime: .seconds(3600),
                clock: clock.sendingClock))
    }

    func outcome(_ job: SendJob, _ result: SendResult) -> SendOutcome {
        SendOutcome(job: job, finishedAt: clock.now, result: result)
    }

    @Test func aFinishedJobIsNeverReservedAgainAndCountsOnce() async throws {
        try await LimitsTestEnvironment.run { environment in
            let ledger = ledger(environment)
            let job = try LimitsTestEnvironment.job(1)
            let accepted = SendResult.accepted(wamid: "wamid.1", messageStatus: .accepted)

            #expect(try await ledger.reserve([job], owner: "a") == [.reserved(leaseUntil: clock.now + .seconds(30), previouslyInDoubtSince: nil)])
            #expect(try await ledger.reserve([job], owner: "b") == [.heldByLiveOwner(until: clock.now + .seconds(30))])
            // The same owner is held too: two tasks of one process must not both send.
            #expect(try await ledger.reserve([job], owner: "a") == [.heldByLiveOwner(until: clock.now + .seconds(30))])

            #expect(try await ledger.finish([outcome(job, accepted)]) == [true])
            #expect(try await ledger.finish([outcome(job, accepted)]) == [false])
            #expect(try await ledger.finish([outcome(job, .failed(code: 131026, errorClass: .permanent, details: nil))]) == [false])
            #expect(try await ledger.settle(jobID: job.jobID, campaignID: job.campaignID, wamid: "wamid.1", at: .epoch) == false)
            #expect(try await ledger.reserve([job], owner: "b") == [.alreadyFinal(accepted)])
            #expect(try await environment.counters("c1") == ["accepted": 1])
            // The send rate's count: once, in the interval of the acceptance; a failure is not a send.
            let failed = try LimitsTestEnvironment.job(2)
            #expect(try await ledger.finish([outcome(failed, .failed(code: 131026, errorClass: .permanent, details: nil))]) == [true])
            let perInterval = CampaignKeys.acceptedPerInterval("c1")
            #expect(try await environment.redis.send("HLEN", perInterval).int == 1)
            #expect(try await environment.redis.send("HGET", perInterval, SendRate.intervalNumber(of: clock.now)).int == 1)
        }
    }

    /// A batch runs one script per campaign: the answers still come back in the jobs' order, and a
    /// job twice in one batch is taken once.
    @Test func aBatchOfSeveralCampaignsAnswersInItsOrderAndTakesAJobOnce() async throws {
        try await LimitsTestEnvironment.run { environment in
            let ledger = ledger(environment)
            try await environment.redis.send("HSET", CampaignKeys.campaign("c2"), CampaignKeys.CampaignField.state, "running")
            let first = try LimitsTestEnvironment.job(1)
            let second = try LimitsTestEnvironment.job(2, campaignID: "c2")
            let third = try LimitsTestEnvironment.job(3)
            let lost = try LimitsTestEnvironment.job(4, campaignID: "lost")
            let reserved = Reservation.reserved(leaseUntil: clock.now + .seconds(30), previouslyInDoubtSince: nil)
            let held = Reservation.heldByLiveOwner(until: clock.now + .seconds(30))
            #expect(
                try await ledger.reserve([first, second, lost, third, first], owner: "a")
                    == [reserved, reserved, .campaignUnknown, reserved, held])

            let accepted = SendResult.accepted(wamid: "wamid.1", messageStatus: .accepted)
            let failed = SendResult.failed(code: 131026, errorClass: .permanent, details: nil)
            #expect(
                try await ledger.finish([
                    outcome(second, failed), outcome(first, accepted), outcome(second, accepted), outcome(third, accepted),
                ]) == [true, true, false, true])
            #expect(try await environment.counters("c1") == ["accepted": 2])
            #expect(try await environment.counters("c2") == ["failed:131026": 1])
            #expect(try await environment.redis.send("HGET", CampaignKeys.acceptedPerInterval("c1"), SendRate.intervalNumber(of: clock.now)).int == 2)
            #expect(try await environment.redis.send("EXISTS", CampaignKeys.acceptedPerInterval("c2")).int == 0)

            let unsent = try LimitsTestEnvironment.job(5, campaignID: "c2")
            #expect(try await ledger.reserve([unsent], owner: "a") == [reserved])
            try await ledger.release([third, unsent, second], owner: "a")
            #expect(
                try await ledger.reserve([third, unsent, second], owner: "b")
                    == [.alreadyFinal(accepted), reserved, .alreadyFinal(failed)])
        }
    }

    @Test func ofSendersRacingForOneJobExactlyOneReservesIt() async throws {
        try await LimitsTestEnvironment.run { environment in
            let job = try LimitsTestEnvironment.job(1)
            let configuration = SendLedgerConfiguration(clock: clock.sendingClock)
            let reservations = try await withThrowingTaskGroup(of: Reservation.self) { group in
                for sender in 0..<8 {
                    let redis = try environment.newClient()
                    group.addTask {
                        defer { redis.shutDown() }
                        return try await SendLedger(redis: redis, configuration: configuration)
                            .reserve([job], owner: "sender-\(sender)")[0]
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(reservations.count { if case .reserved = $0 { true } else { false } } == 1)
            #expect(reservations.count { if case .heldByLiveOwner = $0 { true } else { false } } == 7)
        }
    }

    @Test func failuresAndSkipsCountByCodeAndReasonAndDeferralsEachTime() async throws {
        try await LimitsTestEnvironment.run { environment in
            let ledger = ledger(environment)
            let jobs = try LimitsTestEnvironment.jobs(0..<4)
            let counted = try await ledger.finish([
                outcome(jobs[0], .failed(code: 131026, errorClass: .permanent, details: "undeliverable")),
                outcome(jobs[1], .failed(code: 131026, errorClass: .permanent, details: nil)),
                outcome(jobs[2], .skipped(.optedOut)),
                outcome(jobs[2], .skipped(.optedOut)),
            ])
            #expect(counted == [true, true, true, false])
            try await ledger.recordDeferrals([("c1", .messagingTier), ("c1", .messagingTier), ("c1", .pairRate)])
            #expect(
                try await environment.counters("c1") == [
                    "failed:131026": 2, "skipped:opted_out": 1, "deferred:messaging_tier": 2, "deferred:pair_rate": 1,
                ])
            await #expect(throws: SendingStateError.self) {
                try await ledger.finish([outcome(jobs[3], .deferred(limit: .throughput, notBefore: clock.now))])
            }
        }
    }

    @Test func aReleasedJobIsFreeAtOnceButOnlyItsOwnerReleasesIt() async throws {
        try await LimitsTestEnvironment.run { environment in
            let ledger = ledger(environment)
            let job = try LimitsTestEnvironment.job(1)
            _ = try await ledger.reserve([job], owner: "a")
            try await ledger.release([job], owner: "b")
            #expect(try await ledger.reserve([job], owner: "b") == [.heldByLiveOwner(until: clock.now + .seconds(30))])
            try await ledger.release([job], owner: "a")
            #expect(try await ledger.reserve([job], owner: "b") == [.reserved(leaseUntil: clock.now + .seconds(30), previouslyInDoubtSince: nil)])
        }
    }

    /// A Redis that lost its data has no entry for jobs already sent: until the campaign is back
    /// (the restore writes it last), no job of it is reserved, and the refusal writes nothing.
    @Test func aJobOfACampaignRedisDoesNotKnowIsNeverReserved() async throws {
        try await LimitsTestEnvironment.run { environment in
            let ledger = ledger(environment)
            let job = try LimitsTestEnvironment.job(1, campaignID: "lost")
            #expect(try await ledger.reserve([job], owner: "a") == [.campaignUnknown])
            #expect(try await environment.redis.send("EXISTS", SendingKeys.ledgerEntry(campaignID: "lost", jobID: job.jobID)).int == 0)
            try await environment.redis.send("HSET", CampaignKeys.campaign("lost"), CampaignKeys.CampaignField.state, "running")
            #expect(try await ledger.reserve([job], owner: "a") == [.reserved(leaseUntil: clock.now + .seconds(30), previouslyInDoubtSince: nil)])
        }
    }

    @Test func anExpiredLeaseIsInDoubtUntilAWebhookSettlesItOrTheResendWindowPasses() async throws {
        try await LimitsTestEnvironment.run { environment in
            let ledger = ledger(environment)
            let settled = try LimitsTestEnvironment.job(1)
            let silent = try LimitsTestEnvironment.job(2)
            let reservedAt = clock.now
            _ = try await ledger.reserve([settled, silent], owner: "dead")

            clock.advance(by: .seconds(31))
            let inDoubt = Reservation.inDoubt(reservedAt: reservedAt, resendableAt: reservedAt + .seconds(600))
            #expect(try await ledger.reserve([settled, silent], owner: "b") == [inDoubt, inDoubt])

            #expect(try await ledger.settle(jobID: settled.jobID, campaignID: "c1", wamid: "wamid.9", at: .epoch) == true)
            #expect(try await ledger.reserve([settled], owner: "b") == [.alreadyFinal(.accepted(wamid: "wamid.9", messageStatus: .accepted))])

            clock.set(reservedAt + .seconds(600))
            #expect(
                try await ledger.reserve([silent], owner: "b") == [
                    .reserved(leaseUntil: clock.now + .seconds(30), previouslyInDoubtSince: reservedAt)
                ])
            // The dead sender's late result still counts once, and wins.
            #expect(try await ledger.finish([outcome(silent, .accepted(wamid: "wamid.2", messageStatus: .accepted))]) == [true])
            #expect(try await ledger.finish([outcome(silent, .accepted(wamid: "wamid.3", messageStatus: .accepted))]) == [false])
            #expect(try await environment.counters("c1") == ["accepted": 2])
        }
    }

    @Test func entriesExpire() async throws {
        try await LimitsTestEnvironment.run { environment in
            let ledger = ledger(environment)
            let jobs = try LimitsTestEnvironment.jobs(0..<2)
            _ = try await ledger.reserve([jobs[0]], owner: "a")
            try await ledger.finish([outcome(jobs[1], .skipped(.campaignCancelled))])
            for job in jobs {
                let ttl = try await environment.redis.send(
                    "PTTL", SendingKeys.ledgerEntry(campaignID: "c1", jobID: job.jobID)).int ?? -1
                #expect((1...3_600_000).contains(ttl))
            }
        }
    }

    @Test func redisUnreachableThrows() async throws {
        try await LimitsTestEnvironment.run { environment in
            let ledger = ledger(environment)
            await environment.server.stop()
            await #expect(throws: RedisError.self) {
                try await ledger.reserve([try LimitsTestEnvironment.job(1)], owner: "a")
            }
            try await environment.server.start()
        }
    }
}
