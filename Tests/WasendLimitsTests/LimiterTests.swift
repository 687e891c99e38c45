import Testing
import WasendCore
import WasendLimits
import WasendRedis

/// The limiter's rules on a clock the test moves.
@Suite(.serialized) struct LimiterTests {
    let clock = ManualClock()

    func limiter(
        _ environment: LimitsTestEnvironment, horizon: Duration = .seconds(1), lead: Duration = .zero,
        pairRate: GCRA = GCRA(emissionInterval: .seconds(6), burst: 1), tierWindow: Duration = .seconds(60),
        headroom: Double = 1
    ) -> SendLimiter {
        SendLimiter(
            redis: environment.redis,
            configuration: SendLimiterConfiguration(
                admissionHorizon: horizon, admissionLead: lead, pairRate: pairRate, tierWindow: tierWindow,
                throughputHeadroom: headroom, clock: clock.sendingClock))
    }

    @Test func theFirstSlotIsTheLeadAheadSoTheReservationLandsBeforeIt() async throws {
        try await LimitsTestEnvironment.run { environment in
            let limiter = limiter(environment, lead: .milliseconds(100))
            let start = clock.now
            let admissions = try await limiter.admit(try LimitsTestEnvironment.jobs(0..<3)) { _ in
                NumberLimits(messagesPerSecond: 80, tier: .unlimited)
            }
            #expect(admissions.compactMap(\.sendAt).map { $0 - start } == [100_000, 112_500, 125_000].map {
                Duration.microseconds($0).roundedUpToMilliseconds
            })
            // Idle since: the next slot is again the lead ahead of now, not earlier.
            clock.advance(by: .seconds(5))
            let later = try await limiter.admit(try LimitsTestEnvironment.jobs(10..<11)) { _ in
                NumberLimits(messagesPerSecond: 80, tier: .unlimited)
            }
            #expect(later[0].sendAt == clock.now + .milliseconds(100))
            // A caller whose reservation takes longer asks for a longer lead; a shorter one is ignored.
            clock.advance(by: .seconds(5))
            let longer = try await limiter.admit(try LimitsTestEnvironment.jobs(20..<21), lead: .milliseconds(400)) { _ in
                NumberLimits(messagesPerSecond: 80, tier: .unlimited)
            }
            #expect(longer[0].sendAt == clock.now + .milliseconds(400))
            clock.advance(by: .seconds(5))
            let shorter = try await limiter.admit(try LimitsTestEnvironment.jobs(30..<31), lead: .milliseconds(10)) { _ in
                NumberLimits(messagesPerSecond: 80, tier: .unlimited)
            }
            #expect(shorter[0].sendAt == clock.now + .milliseconds(100))
        }
    }

    @Test func slotsAreSpacedByTheRateAndJobsBeyondTheHorizonAreDeferredSpreadOut() async throws {
        try await LimitsTestEnvironment.run { environment in
            let limiter = limiter(environment, horizon: .milliseconds(100))
            let start = clock.now
            let admissions = try await limiter.admit(try LimitsTestEnvironment.jobs(0..<12)) { _ in
                NumberLimits(messagesPerSecond: 80, tier: .unlimited)
            }
            // Slots at 0, 12.5, 25, … 100 ms are within the 100 ms horizon: 9 of them.
            let slots = admissions.compactMap(\.sendAt).map { $0 - start }
            #expect(slots == (0..<9).map { Duration.microseconds(12_500 * $0).roundedUpToMilliseconds })
            let deferrals = admissions.compactMap(\.deferral)
            #expect(deferrals.map(\.limit) == [.throughput, .throughput, .throughput])
            #expect(deferrals.map { $0.notBefore - start } == [.milliseconds(13), .milliseconds(25), .milliseconds(38)])

            clock.advance(by: .milliseconds(13))
            let later = try await limiter.admit(try LimitsTestEnvironment.jobs(100..<101)) { _ in
                NumberLimits(messagesPerSecond: 80, tier: .unlimited)
            }
            #expect(later[0].sendAt == start + .microseconds(112_500).roundedUpToMilliseconds)
        }
    }

    @Test func tierAdmitsExactlyItsLimitOfDistinctRecipientsInTheWindowAndTheRestAfter() async throws {
        try await LimitsTestEnvironment.run { environment in
            let limiter = limiter(environment, tierWindow: .seconds(60))
            let limits = NumberLimits(messagesPerSecond: 1_000_000, tier: .tier2K)
            /// Admits `jobs` in batches of 500, 1 ms apart; returns the deferred ones and when the first may come back.
            func admit(_ jobs: [SendJob]) async throws -> (deferred: [SendJob], notBefore: Timestamp?) {
                var deferred: [SendJob] = []
                var notBefore: Timestamp?
                for batch in stride(from: 0, to: jobs.count, by: 500) {
                    let batchJobs = Array(jobs[batch..<min(batch + 500, jobs.count)])
                    for (job, admission) in zip(batchJobs, try await limiter.admit(batchJobs) { _ in limits }) {
                        guard let deferral = admission.deferral else { continue }
                        #expect(deferral.limit == .messagingTier)
                        notBefore = min(notBefore ?? deferral.notBefore, deferral.notBefore)
                        deferred.append(job)
                    }
                    clock.advance(by: .milliseconds(1))
                }
                return (deferred, notBefore)
            }

            let start = clock.now
            let first = try await admit(try LimitsTestEnvironment.jobs(0..<6000))
            #expect(first.deferred.count == 4000)
            // The first place frees up exactly one window after the first counted send.
            #expect(first.notBefore == start + .seconds(60))

            clock.set(start + .seconds(60) - .milliseconds(20))
            #expect(try await admit(first.deferred).deferred.count == 4000)

            clock.set(start + .seconds(60) + .milliseconds(100))
            let second = try await admit(first.deferred)
            #expect(second.deferred.count == 2000)

            clock.set(start + .seconds(120) + .milliseconds(200))
            #expect(try await admit(second.deferred).deferred.isEmpty)
        }
    }

    @Test func aRepeatedRecipientCountsOnce() async throws {
        try await LimitsTestEnvironment.run { environment in
            let limiter = limiter(environment, pairRate: GCRA(emissionInterval: .milliseconds(1), burst: 100))
            let limits = NumberLimits(messagesPerSecond: 1_000_000, tier: .tier250)
            let repeated = try LimitsTestEnvironment.jobs(Array(repeating: 7, count: 5))
            #expect(try await limiter.admit(repeated) { _ in limits }.allSatisfy { $0.sendAt != nil })
            let others = try await limiter.admit(try LimitsTestEnvironment.jobs(1000..<1250)) { _ in limits }
            #expect(others.prefix(249).allSatisfy { $0.sendAt != nil })
            #expect(others.last?.deferral?.limit == .messagingTier)
            let count = try await environment.redis.send("ZCARD", SendingKeys.recipients24h(portfolioID: "p1"))
            #expect(count.int == 250)
        }
    }

    @Test func aRecipientWithAnOpenCustomerServiceWindowIsNotCounted() async throws {
        try await LimitsTestEnvironment.run { environment in
            let limiter = limiter(environment)
            let windows = CustomerServiceWindows(redis: environment.redis)
            let limits = NumberLimits(messagesPerSecond: 1_000_000, tier: .tier250)
            let full = try await limiter.admit(try LimitsTestEnvironment.jobs(0..<250)) { _ in limits }
            #expect(full.allSatisfy { $0.sendAt != nil })

            try await windows.open(
                portfolioID: "p1", phoneNumberID: "n1", recipient: try LimitsTestEnvironment.recipient(500),
                until: clock.now + .seconds(3600), now: clock.now)
            // A window with another number of the portfolio does not help.
            try await windows.open(
                portfolioID: "p1", phoneNumberID: "n2", recipient: try LimitsTestEnvironment.recipient(501),
                until: clock.now + .seconds(3600), now: clock.now)
            let admissions = try await limiter.admit(try LimitsTestEnvironment.jobs([500, 501])) { _ in limits }
            #expect(admissions[0].sendAt != nil)
            #expect(admissions[1].deferral?.limit == .messagingTier)
            let count = try await environment.redis.send("ZCARD", SendingKeys.recipients24h(portfolioID: "p1"))
            #expect(count.int == 250)
            #expect(
                try await windows.closes(
                    portfolioID: "p1", phoneNumberID: "n1", recipient: try LimitsTestEnvironment.recipient(500),
                    now: clock.now) == clock.now + .seconds(3600))
        }
    }

    @Test func pairLimitAllowsOneMessagePerSixSecondsPerNumberAndRecipient() async throws {
        try await LimitsTestEnvironment.run { environment in
            let limiter = limiter(environment)
            let limits = NumberLimits(messagesPerSecond: 1000, tier: .unlimited)
            let start = clock.now
            // Two campaigns' messages to one recipient (the same job admitted twice keeps its token).
            let twoCampaigns = [try LimitsTestEnvironment.job(1), try LimitsTestEnvironment.job(1, campaignID: "c2")]
            let first = try await limiter.admit(twoCampaigns) { _ in limits }
            #expect(first[0].sendAt == start)
            #expect(first[1].deferral?.limit == .pairRate)
            #expect(first[1].deferral?.notBefore == start + .seconds(6))
            // Another number may message the same recipient.
            let otherNumber = try await limiter.admit(try LimitsTestEnvironment.jobs([1], phoneNumberID: "n2")) { _ in limits }
            #expect(otherNumber[0].sendAt != nil)

            clock.advance(by: .milliseconds(5999))
            #expect(try await limiter.admit([twoCampaigns[1]]) { _ in limits }[0].deferral?.limit == .pairRate)
            clock.advance(by: .milliseconds(1))
            #expect(try await limiter.admit([twoCampaigns[1]]) { _ in limits }[0].sendAt == clock.now)
        }
    }

    @Test func aJobAdmittedAgainKeepsItsOwnPairTokenAndAnotherJobStillWaits() async throws {
        try await LimitsTestEnvironment.run { environment in
            let limiter = limiter(environment)
            let limits = NumberLimits(messagesPerSecond: 100, tier: .tier250)
            let job = try LimitsTestEnvironment.job(1)
            #expect(try await limiter.admit([job]) { _ in limits }[0].sendAt == clock.now)

            // Not sent (its send started late, or its sender died): admitted again a second later,
            // it finds its own token, is counted in the tier once, and its pair's next message moves
            // to one interval after the new slot.
            clock.advance(by: .seconds(1))
            #expect(try await limiter.admit([job]) { _ in limits }[0].sendAt == clock.now)
            let recipients = SendingKeys.recipients24h(portfolioID: "p1")
            #expect(try await environment.redis.send("ZCARD", recipients).int == 1)
            let score = try await environment.redis.send("ZSCORE", recipients, job.recipient.digits)
            #expect(score.string.flatMap(Int64.init) == clock.now.millisecondsSinceEpoch)
            let anotherCampaign = try LimitsTestEnvironment.job(1, campaignID: "c2")
            let waiting = try await limiter.admit([anotherCampaign]) { _ in limits }
            #expect(waiting[0].deferral?.limit == .pairRate)
            #expect(waiting[0].deferral?.notBefore == clock.now + .seconds(6))

            // Meta refused the pair (131056): the hold binds the refused job too.
            try await limiter.holdPair(of: [(job, clock.now + .seconds(30))])
            #expect(try await limiter.admit([job]) { _ in limits }[0].deferral?.limit == .pairRate)
        }
    }

    @Test func aPairMetaRefusedIsHeldForEveryJobUntilTheWaitEnds() async throws {
        try await LimitsTestEnvironment.run { environment in
            let limiter = limiter(environment, pairRate: GCRA(emissionInterval: .seconds(6), burst: 45))
            let limits = NumberLimits(messagesPerSecond: 1000, tier: .unlimited)
            let refused = try LimitsTestEnvironment.jobs([1])[0]
            let until = clock.now + .seconds(64)
            try await limiter.holdPair(of: [(refused, until)])
            // Another campaign's job to the same recipient waits as long; another recipient does not.
            let next = try await limiter.admit(try LimitsTestEnvironment.jobs([1, 2])) { _ in limits }
            #expect(next[0].deferral?.limit == .pairRate)
            #expect(next[0].deferral?.notBefore == until)
            #expect(next[1].sendAt != nil)
            // An earlier hold never shortens it.
            try await limiter.holdPair(of: [(refused, clock.now + .seconds(4))])
            #expect(try await limiter.admit(try LimitsTestEnvironment.jobs([1])) { _ in limits }[0].deferral?.notBefore == until)
            clock.advance(by: .seconds(64))
            #expect(try await limiter.admit(try LimitsTestEnvironment.jobs([1])) { _ in limits }[0].sendAt == clock.now)
        }
    }

    @Test func aJobDeferredByOneLimitTakesNothingFromAnother() async throws {
        try await LimitsTestEnvironment.run { environment in
            let limiter = limiter(environment, horizon: .zero)
            let limits = NumberLimits(messagesPerSecond: 1, tier: .tier250)
            let start = clock.now

            // Throughput defers job 2: it takes neither a tier place nor its pair's slot.
            let first = try await limiter.admit(try LimitsTestEnvironment.jobs([1, 2])) { _ in limits }
            #expect(first[0].sendAt == start)
            #expect(first[1].deferral?.limit == .throughput)
            let counted = try await environment.redis.send("ZCARD", SendingKeys.recipients24h(portfolioID: "p1"))
            #expect(counted.int == 1)
            let pair = SendingKeys.pair(
                portfolioID: "p1", phoneNumberID: "n1", recipientDigits: try LimitsTestEnvironment.recipient(2).digits)
            #expect(try await environment.redis.send("EXISTS", pair).int == 0)

            // The pair rate defers another campaign's message to recipient 1: the next slot goes to recipient 2.
            clock.advance(by: .seconds(1))
            let second = try await limiter.admit(
                [try LimitsTestEnvironment.job(1, campaignID: "c2"), try LimitsTestEnvironment.job(2)]) { _ in limits }
            #expect(second[0].deferral?.limit == .pairRate)
            #expect(second[1].sendAt == clock.now)

            // The tier defers a new recipient: the slot goes to a recipient already counted.
            let filler = self.limiter(environment)
            let fill = try await filler.admit(try LimitsTestEnvironment.jobs(10..<258, phoneNumberID: "n2")) { _ in
                NumberLimits(messagesPerSecond: 1_000_000, tier: .tier250)
            }
            #expect(fill.allSatisfy { $0.sendAt != nil })
            clock.advance(by: .seconds(7))
            let third = try await limiter.admit(try LimitsTestEnvironment.jobs([999, 1])) { _ in limits }
            #expect(third[0].deferral?.limit == .messagingTier)
            #expect(third[1].sendAt == clock.now)
        }
    }

    @Test func unlimitedTierNeverDefersAndATierOverrideWins() async throws {
        try await LimitsTestEnvironment.run { environment in
            let limiter = limiter(environment)
            let controls = NumberControls(redis: environment.redis, clock: clock.sendingClock)
            let configured = NumberLimits(messagesPerSecond: 1_000_000, tier: .tier250)
            try await controls.setTier(.unlimited, portfolioID: "p1")
            #expect(try await controls.tier(portfolioID: "p1") == .unlimited)
            let admissions = try await limiter.admit(try LimitsTestEnvironment.jobs(0..<1000)) { _ in configured }
            #expect(admissions.allSatisfy { $0.sendAt != nil })

            try await controls.setTier(.tier250, portfolioID: "p1")
            let limited = try await limiter.admit(try LimitsTestEnvironment.jobs(1000..<1251)) { _ in
                NumberLimits(messagesPerSecond: 1_000_000, tier: .unlimited)
            }
            #expect(limited.prefix(250).allSatisfy { $0.sendAt != nil })
            #expect(limited.last?.deferral?.limit == .messagingTier)
        }
    }

    @Test func throttleFactorSlowsTheNumberAndRecoversAdditively() async throws {
        try await LimitsTestEnvironment.run { environment in
            let backoff = ThrottleBackoff(decrease: 0.5, increasePerSecond: 0.02, minimumFactor: 0.1, cooldown: .seconds(1))
            let limiter = SendLimiter(
                redis: environment.redis,
                configuration: SendLimiterConfiguration(
                    admissionLead: .zero, throughputHeadroom: 1, throttleBackoff: backoff, clock: clock.sendingClock))
            let controls = NumberControls(redis: environment.redis, throttleBackoff: backoff, clock: clock.sendingClock)
            let limits = NumberLimits(messagesPerSecond: 80, tier: .unlimited)

            #expect(try await controls.recordThrottle(portfolioID: "p1", phoneNumberID: "n1") == 0.5)
            // The same burst of 130429s within the cooldown does not halve again.
            #expect(try await controls.recordThrottle(portfolioID: "p1", phoneNumberID: "n1") == 0.5)
            let slowed = try await limiter.admit(try LimitsTestEnvironment.jobs(0..<3)) { _ in limits }
            #expect(slowed.compactMap(\.sendAt) == [0, 25, 50].map { clock.now + .milliseconds($0) })

            clock.advance(by: .seconds(5))
            // Recovered to 0.6 over 5 s, then halved.
            let factor = try await controls.recordThrottle(portfolioID: "p1", phoneNumberID: "n1")
            #expect(abs(factor - 0.3) < 1e-9)
            clock.advance(by: .seconds(10))
            let state = try await controls.state(portfolioID: "p1", phoneNumberID: "n1")
            #expect(abs(state.throttleFactor - 0.5) < 1e-9)
            // 80 × 0.5 = 40/s again.
            let recovering = try await limiter.admit(try LimitsTestEnvironment.jobs(10..<12)) { _ in limits }
            #expect(recovering.compactMap(\.sendAt) == [0, 25].map { clock.now + .milliseconds($0) })

            clock.advance(by: .seconds(60))
            #expect(try await controls.state(portfolioID: "p1", phoneNumberID: "n1").throttleFactor == 1)
        }
    }

    @Test func aStoppedNumberTakesNothingAndAThroughputOverrideWins() async throws {
        try await LimitsTestEnvironment.run { environment in
            let limiter = limiter(environment)
            let controls = NumberControls(redis: environment.redis, clock: clock.sendingClock)
            let limits = NumberLimits(messagesPerSecond: 80, tier: .tier250)

            try await controls.stop(portfolioID: "p1", phoneNumberID: "n1", reason: "quality_red")
            #expect(try await controls.state(portfolioID: "p1", phoneNumberID: "n1").stoppedReason == "quality_red")
            let stopped = try await limiter.admit(try LimitsTestEnvironment.jobs(0..<2)) { _ in limits }
            #expect(stopped == [.stopped(reason: "quality_red"), .stopped(reason: "quality_red")])
            #expect(try await environment.redis.send("EXISTS", SendingKeys.recipients24h(portfolioID: "p1")).int == 0)

            try await controls.resume(portfolioID: "p1", phoneNumberID: "n1")
            try await controls.setMessagesPerSecond(10, portfolioID: "p1", phoneNumberID: "n1")
            #expect(try await controls.state(portfolioID: "p1", phoneNumberID: "n1").messagesPerSecondOverride == 10)
            let upgraded = try await limiter.admit(try LimitsTestEnvironment.jobs(0..<2)) { _ in limits }
            #expect(upgraded.compactMap(\.sendAt) == [clock.now, clock.now + .milliseconds(100)])
            await #expect(throws: SendingStateError.self) {
                try await controls.setMessagesPerSecond(0, portfolioID: "p1", phoneNumberID: "n1")
            }
        }
    }

    @Test func theHeadroomAppliesToTheConfiguredRateAndToMetasOverride() async throws {
        try await LimitsTestEnvironment.run { environment in
            let limiter = limiter(environment, headroom: 0.8)
            let controls = NumberControls(redis: environment.redis, clock: clock.sendingClock)
            let configured = try await limiter.admit(try LimitsTestEnvironment.jobs(0..<2)) { _ in
                NumberLimits(messagesPerSecond: 10, tier: .unlimited)
            }
            #expect(configured.compactMap(\.sendAt) == [clock.now, clock.now + .milliseconds(125)], "10/s × 0.8")
            // Meta upgraded the number (a webhook set 1,000/s): slots 1,250 µs apart, not 1,000, so
            // 101 slots span 125 ms.
            try await controls.setMessagesPerSecond(1_000, portfolioID: "p1", phoneNumberID: "n1")
            let upgraded = try await limiter.admit(try LimitsTestEnvironment.jobs(2..<103)) { _ in
                NumberLimits(messagesPerSecond: 10, tier: .unlimited)
            }
            let slots = upgraded.compactMap(\.sendAt)
            #expect(slots.count == 101)
            #expect(slots.first == clock.now + .milliseconds(250))
            #expect(slots.last == clock.now + .milliseconds(375), "\(String(describing: slots.last))")
        }
    }

    @Test func redisUnreachableThrowsInsteadOfAdmitting() async throws {
        try await LimitsTestEnvironment.run { environment in
            let limiter = limiter(environment)
            await environment.server.stop()
            await #expect(throws: RedisError.self) {
                try await limiter.admit(try LimitsTestEnvironment.jobs(0..<1)) { _ in NumberLimits() }
            }
            try await environment.server.start()
        }
    }
}

extension Duration {
    fileprivate var roundedUpToMilliseconds: Duration {
        let microseconds = components.seconds * 1_000_000 + components.attoseconds / 1_000_000_000_000
        return .milliseconds((microseconds + 999) / 1000)
    }
}
