import Foundation
import Testing
import WasendCampaigns
import WasendCore
import WasendKafka
import WasendLimits
import WasendRedis
import WasendTestSupport

/// `wasend sender` processes against the simulator, a real `redis-server` and the mock cluster.
/// Tests assert counts and states, never durations; run times are printed for the README.
@Suite(.serialized) struct SenderIntegrationTests {
    /// Reads `wasend.results` until every job has a final outcome (or the deadline passes).
    private func finalResults(
        _ environment: SenderTestEnvironment, count: Int, timeout: Duration = .seconds(300)
    ) async throws -> (SenderResults, [KafkaConsumerMessage]) {
        let consumer = try environment.consumer([environment.topics.results])
        let reader = RecordReader()
        let finals = FinalResultKeys()
        try await reader.read(from: consumer, timeout: timeout) { finals.update($0) >= count }
        try await consumer.shutdown()
        let messages = await reader.messages
        return (try SenderResults(messages), messages)
    }

    private func stop(_ senders: [WasendProcess]) async throws {
        for sender in senders { sender.signal(SIGTERM) }
        for sender in senders { #expect(try await sender.waitForExit(timeout: .seconds(60)) == 0) }
    }

    @Test func fourSendersHoldOneNumberToEightyPerSecond() async throws {
        let environment = try await SenderTestEnvironment(throughput: 80, tier: "TIER_10K", simulator: .realtimeProcess)
        let campaign = try await environment.createCampaign()
        let jobs = try await environment.produceJobs(5_000, campaignID: campaign.id)
        let started = ContinuousClock.now
        let senders = try (0..<4).map { _ in try WasendProcess(environment.senderArguments()) }
        let (results, messages) = try await finalResults(environment, count: jobs.count)
        let elapsed = ContinuousClock.now - started
        try await stop(senders)
        let report = try await environment.simulatorReport()
        let counters = try await RedisCampaignStore(redis: environment.redis).campaign(id: campaign.id)?.counters
        await environment.shutdown()

        let accepted = results.outcomes.filter { if case .accepted = $0.result { true } else { false } }.map(\.finishedAt)
        let sending = (accepted.max() ?? .epoch) - (accepted.min() ?? .epoch)
        print("4 senders, 5,000 jobs at 80/s: \(elapsed) from start to the last result, \(sending) from the first acceptance to the last (ideal 62.5 s)")
        #expect(results.acceptedJobs == Set(jobs.map(\.jobID)))
        #expect(report.acceptedSends == jobs.count)
        #expect(report.duplicateJobs.isEmpty)
        #expect(report.rejectionsByCode["130429"] == nil, "never throttled by Meta")
        let peak = report.numbers[SenderTestEnvironment.phoneNumberID]?.peakSendsPerSecond ?? .max
        #expect(peak <= 80, "no second over the number's rate")

        let validator = try JSONSchemaValidator(directory: JSONSchemaValidator.repositorySchemas)
        for message in messages.prefix(500) {
            let violations = try validator.violations(of: message.value, against: "wasend.results.schema.json")
            #expect(violations.isEmpty, "\(violations)")
        }
        #expect(counters?.accepted == Int64(jobs.count), "each job counted once")
    }

    @Test func thePortfolioTierHoldsAndTheRestWaitsForTheWindow() async throws {
        // Meta's steps are 250, 2,000, 10,000…: a tier of 250 with 750 recipients is the issue's
        // 1,000 and 3,000 at a third of the size, with the 24 h window shortened to 15 s.
        let window = 15
        let environment = try await SenderTestEnvironment(throughput: 1_000, tier: "TIER_250")
        let campaign = try await environment.createCampaign()
        let jobs = try await environment.produceJobs(750, campaignID: campaign.id)
        let senders = try (0..<2).map { _ in
            try WasendProcess(environment.senderArguments(["--tier-window-seconds", "\(window)"]))
        }
        let (results, messages) = try await finalResults(environment, count: jobs.count, timeout: .seconds(180))
        try await stop(senders)
        let report = try await environment.simulatorReport()
        await environment.shutdown()

        #expect(results.acceptedJobs == Set(jobs.map(\.jobID)), "every recipient is sent once the window allows")
        #expect(report.acceptedSends == jobs.count)
        // No moving window saw more than 250: a result's time is when Meta's answer came, and the
        // windows are 2 s shorter than the limiter's for the answers' latency and clock jitter.
        // Each job counts at its first acceptance: a job redelivered after a rebalance (its offset not
        // committed in time) is found final in the ledger and its result published again, later.
        var firstAccepted: [JobID: Int64] = [:]
        for outcome in results.outcomes {
            guard case .accepted = outcome.result else { continue }
            let at = outcome.finishedAt.millisecondsSinceEpoch
            firstAccepted[outcome.jobID] = min(firstAccepted[outcome.jobID] ?? at, at)
        }
        let acceptedTimes = firstAccepted.values.sorted()
        var start = 0
        var most = 0
        for end in acceptedTimes.indices {
            while acceptedTimes[end] - acceptedTimes[start] >= Int64(window - 2) * 1_000 { start += 1 }
            most = max(most, end - start + 1)
        }
        let first = acceptedTimes.first ?? 0
        let perSecond = Dictionary(grouping: acceptedTimes) { ($0 - first) / 1_000 }.mapValues(\.count)
        print("tier test: accepted per second from the first: \(perSecond.sorted { $0.key < $1.key })")
        #expect(most <= 250, "at most the tier inside one window: \(most)")
        #expect(acceptedTimes.count { $0 - first < Int64(window - 2) * 1_000 } == 250, "the first window is the tier's")
        let deferrals = results.outcomes.filter {
            if case .deferred(.messagingTier, _) = $0.result { true } else { false }
        }
        #expect(Set(deferrals.map(\.jobID)).count >= 500, "the others were deferred by the tier")
        let acceptedAttempts = Set(results.outcomes.compactMap { outcome -> Int? in
            if case .accepted = outcome.result { outcome.attempt } else { nil }
        })
        #expect(acceptedAttempts == [1], "a wait for the tier is not an attempt: \(acceptedAttempts)")
        let validator = try JSONSchemaValidator(directory: JSONSchemaValidator.repositorySchemas)
        for message in messages {
            let violations = try validator.violations(of: message.value, against: "wasend.results.schema.json")
            #expect(violations.isEmpty, "\(violations)")
        }
    }

    @Test func transientErrorsAreRetriedUntilEveryJobIsAccepted() async throws {
        let environment = try await SenderTestEnvironment(throughput: 1_000) { $0.transientErrorFraction = 0.3 }
        let campaign = try await environment.createCampaign()
        let jobs = try await environment.produceJobs(1_000, campaignID: campaign.id)
        let started = ContinuousClock.now
        let sender = try WasendProcess(
            environment.senderArguments(["--max-attempts", "20", "--retry-base-delay-ms", "50"]))
        // Each retry of a recipient also waits out the pair limit (one message per 6 s), so a few
        // rounds take about a minute alone and several times that on a loaded CI machine.
        let (results, _) = try await finalResults(environment, count: jobs.count, timeout: .seconds(900))
        let finals = results.finalByJob.count
        print("30% transient errors, 1,000 jobs: \(finals) final after \(ContinuousClock.now - started)")
        try await stop([sender])
        let report = try await environment.simulatorReport()
        await environment.shutdown()

        #expect(results.acceptedJobs == Set(jobs.map(\.jobID)))
        #expect(report.acceptedSends == jobs.count)
        #expect(report.duplicateJobs.isEmpty)
        #expect((report.rejectionsByCode["131000"] ?? 0) > 0, "errors were injected")
    }

    @Test func aStopSenderCodeStopsTheNumberAndBurnsNoJob() async throws {
        let environment = try await SenderTestEnvironment(throughput: 1_000)
        let campaign = try await environment.createCampaign()
        let jobs = try await environment.produceJobs(200, campaignID: campaign.id)
        // A revoked token: the simulator answers 190.
        let wrongToken = environment.directory.appendingPathComponent("wrong-token")
        try Data("revoked".utf8).write(to: wrongToken)
        try environment.writeTenants(throughput: 1_000, tier: "TIER_100K", tokenFile: wrongToken.path)
        let controls = NumberControls(redis: environment.redis)
        let number = (portfolioID: SenderTestEnvironment.portfolioID, phoneNumberID: SenderTestEnvironment.phoneNumberID)
        let broken = try WasendProcess(environment.senderArguments())
        let reason = try await eventually(timeout: .seconds(60)) {
            try await controls.state(portfolioID: number.portfolioID, phoneNumberID: number.phoneNumberID).stoppedReason
        }
        #expect(reason == "error_190")
        try await stop([broken])
        let (burned, _) = try await finalResults(environment, count: 1, timeout: .seconds(2))
        #expect(burned.finalByJob.isEmpty, "no job failed for the number's fault")

        // A person fixes the token and resumes the number: every job goes out, once.
        try environment.writeTenants(
            throughput: 1_000, tier: "TIER_100K", tokenFile: environment.directory.appendingPathComponent("token").path)
        try await controls.resume(portfolioID: number.portfolioID, phoneNumberID: number.phoneNumberID)
        let fixed = try WasendProcess(environment.senderArguments())
        let (results, _) = try await finalResults(environment, count: jobs.count)
        try await stop([fixed])
        let report = try await environment.simulatorReport()
        await environment.shutdown()

        #expect(results.acceptedJobs == Set(jobs.map(\.jobID)))
        #expect(report.acceptedSends == jobs.count)
        #expect((report.rejectionsByCode["190"] ?? 0) >= 1)
    }

    @Test func pausedCampaignsWaitAndCancelledOnesAreSkipped() async throws {
        let environment = try await SenderTestEnvironment(throughput: 1_000)
        let paused = try await environment.createCampaign()
        let cancelled = try await environment.createCampaign()
        let state = CampaignKeys.CampaignField.state
        try await environment.redis.send("HSET", CampaignKeys.campaign(paused.id), state, "paused")
        try await environment.redis.send("HSET", CampaignKeys.campaign(cancelled.id), state, "cancelled")
        let waiting = try await environment.produceJobs(100, campaignID: paused.id)
        let skipped = try await environment.produceJobs(100, campaignID: cancelled.id, firstRecipient: 1_000)
        let sender = try WasendProcess(environment.senderArguments())
        let (first, _) = try await finalResults(environment, count: skipped.count, timeout: .seconds(60))
        #expect(first.finalByJob.count == skipped.count, "only the cancelled campaign's jobs ended")
        #expect(Set(first.finalByJob.values) == [.skipped(.campaignCancelled)])
        #expect(try await environment.simulatorReport().acceptedSends == 0, "the paused campaign waits")

        try await environment.redis.send("HSET", CampaignKeys.campaign(paused.id), state, "running")
        let (all, _) = try await finalResults(environment, count: waiting.count + skipped.count)
        try await stop([sender])
        await environment.shutdown()
        #expect(all.acceptedJobs == Set(waiting.map(\.jobID)))
    }

    /// Jobs admitted before the pause wait for slots up to the admission lead and horizon ahead
    /// (more than a second): they must see the pause at their slot, not go.
    @Test func aPauseStopsTheSendingWithinASecondAndAResumeSendsTheRestOnce() async throws {
        let environment = try await SenderTestEnvironment(throughput: 100)
        let campaign = try await environment.createCampaign()
        let jobs = try await environment.produceJobs(2_000, campaignID: campaign.id)
        let sender = try WasendProcess(environment.senderArguments())
        let underWay = try await eventually(timeout: .seconds(120)) { () -> Bool? in
            try await environment.simulatorReport().acceptedSends >= 300 ? true : nil
        }
        #expect(underWay == true)
        let state = CampaignKeys.CampaignField.state
        try await environment.redis.send("HSET", CampaignKeys.campaign(campaign.id), state, "paused")
        try await Task.sleep(for: .seconds(1))
        let sentWithinASecond = try await environment.simulatorReport().acceptedSends
        try await Task.sleep(for: .seconds(3))
        let sentWhilePaused = try await environment.simulatorReport().acceptedSends
        #expect(sentWhilePaused == sentWithinASecond, "nothing sent from a second after the pause")
        #expect(sentWhilePaused < jobs.count)

        try await environment.redis.send("HSET", CampaignKeys.campaign(campaign.id), state, "running")
        let (results, _) = try await finalResults(environment, count: jobs.count)
        try await stop([sender])
        let report = try await environment.simulatorReport()
        await environment.shutdown()
        print("pause: \(sentWithinASecond) sent a second after the pause, \(sentWhilePaused) 3 s later")
        #expect(results.acceptedJobs == Set(jobs.map(\.jobID)))
        #expect(report.distinctJobs == jobs.count)
        #expect(report.duplicateJobs.isEmpty, "no job sent twice")
    }

    @Test func aStoppedSenderDrainsWhatItHasInFlightAndLeavesNoJobInDoubt() async throws {
        let environment = try await SenderTestEnvironment(throughput: 200)
        let campaign = try await environment.createCampaign()
        let jobs = try await environment.produceJobs(3_000, campaignID: campaign.id)
        let first = try WasendProcess(environment.senderArguments())
        // Stopped mid-campaign, with sends in flight, admitted and reserved.
        let underWay = try await eventually(timeout: .seconds(120)) { () -> Bool? in
            try await environment.simulatorReport().acceptedSends >= 500 ? true : nil
        }
        #expect(underWay == true)
        first.signal(SIGTERM)
        #expect(try await first.waitForExit(timeout: .seconds(60)) == 0)
        let sentByTheFirst = try await environment.simulatorReport().distinctJobs

        // Every job it sent is final in the ledger, and it holds no reservation: a second sender
        // would otherwise wait the in-doubt window (900 s) for those jobs.
        var final = 0
        var leased: [String] = []
        var cursor = "0"
        repeat {
            let page = try await environment.redis.send(
                "SCAN", cursor, "MATCH", CampaignKeys.campaign(campaign.id) + ":job:*", "COUNT", 1_000
            ).array ?? []
            cursor = page.first?.string ?? "0"
            for key in page.dropFirst().first?.array?.compactMap(\.string) ?? [] {
                let entry = try await environment.redis.send("HMGET", key, "result", "lease_until").array ?? []
                if entry.first?.string != nil {
                    final += 1
                } else if entry.dropFirst().first?.string != nil {
                    leased.append(key)
                }
            }
        } while cursor != "0"
        #expect(final == sentByTheFirst, "each job sent is final")
        #expect(leased.isEmpty, "no reservation left: \(leased.prefix(3))")

        let second = try WasendProcess(environment.senderArguments())
        let (results, _) = try await finalResults(environment, count: jobs.count)
        try await stop([second])
        let report = try await environment.simulatorReport()
        await environment.shutdown()
        print("drain: \(sentByTheFirst) of \(jobs.count) sent before the SIGTERM")
        #expect(results.acceptedJobs == Set(jobs.map(\.jobID)))
        #expect(report.distinctJobs == jobs.count)
        #expect(report.duplicateJobs.isEmpty, "no job sent twice")
    }

    @Test func aCampaignWithTooManyFailuresPausesItself() async throws {
        let environment = try await SenderTestEnvironment(throughput: 1_000)
        let campaign = try await environment.createCampaign()
        // An unknown template: every send fails for good (132001).
        let jobs = try await environment.produceJobs(2_000, campaignID: campaign.id, template: "no_such_template")
        let sender = try WasendProcess(environment.senderArguments())
        let store = RedisCampaignStore(redis: environment.redis)
        let state = try await eventually(timeout: .seconds(60)) { () -> CampaignState? in
            let state = try await store.campaign(id: campaign.id)?.record.campaign.state
            return state == .running ? nil : state
        }
        try await stop([sender])
        let report = try await environment.simulatorReport()
        await environment.shutdown()
        #expect(state == .paused(.errorRate))
        #expect((report.rejectionsByCode["132001"] ?? 0) < jobs.count, "the rest of the campaign waits")
    }
}

/// Polls `condition` until it gives a value or `timeout` passes (then `nil`).
func eventually<Value>(timeout: Duration, _ condition: () async throws -> Value?) async throws -> Value? {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if let value = try await condition() { return value }
        try await Task.sleep(for: .milliseconds(100))
    }
    return nil
}
