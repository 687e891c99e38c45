import Foundation
import Testing
import WasendCloudAPI
import WasendCore
import WasendHTTP
import WasendKafka
import WasendLocalServers
import WasendSimulator
import WasendTestSupport

/// The fault suite: every scenario runs the services as processes (``FaultTestPipeline``),
/// injects its faults during a campaign, and ends with the same reconciliation: every recipient
/// accounted for, no job lost, none sent twice, counters exact, and no secret in any log.
///
/// CI runs each scenario with 6,000 recipients at 200 messages/s; the issue's full size is
/// `WASEND_FAULT_RECIPIENTS=100000 WASEND_FAULT_THROUGHPUT=1000 swift test --filter PipelineFaultTests`.
@Suite("Fault suite: services as processes, faults injected, everything reconciled", .serialized)
struct PipelineFaultTests {
    static var recipients: Int {
        ProcessInfo.processInfo.environment["WASEND_FAULT_RECIPIENTS"].flatMap(Int.init) ?? 6_000
    }

    static var throughput: Int {
        ProcessInfo.processInfo.environment["WASEND_FAULT_THROUGHPUT"].flatMap(Int.init) ?? 200
    }

    static var campaign: FaultCampaign { FaultCampaign(recipients: recipients) }

    /// The sending time at full speed; scenarios spread their faults over it.
    static var sendingTime: Duration { .seconds(Double(recipients) / Double(throughput)) }

    /// Enough for the campaign at full speed, the faults' slowdowns and a loaded machine.
    static var completionTimeout: Duration { sendingTime * 4 + .seconds(300) }

    @Test("each service killed with SIGKILL in turn and restarted")
    func everyServiceKilledInTurn() async throws {
        let pipeline = try await FaultTestPipeline(throughput: Self.throughput)
        try await pipeline.startAll()
        let campaignID = try await pipeline.submitCampaign(Self.campaign)
        // The planner while it expands, then the others spread over the sending.
        try await pipeline.kill(.planner)
        for role: FaultTestPipeline.Role in [.sender(0), .aggregator, .api, .sender(1)] {
            try await Task.sleep(for: Self.sendingTime / 6)
            try await pipeline.kill(role)
        }
        try await expectEverythingReconciled(pipeline, campaignID: campaignID, scenario: "kills")
    }

    @Test("the provider fails: 5xx, resets, answers lost after taking the message, slow answers, then a 130429 storm")
    func providerFaults() async throws {
        let pipeline = try await FaultTestPipeline(throughput: Self.throughput)
        try await pipeline.startAll()
        try await pipeline.simulator.configure(
            #"{"server_error_fraction": 0.05, "connection_reset_fraction": 0.03, "lost_answer_fraction": 0.02, "transient_error_fraction": 0.05, "latency_jitter_ms": 50}"#)
        let campaignID = try await pipeline.submitCampaign(Self.campaign)
        try await Task.sleep(for: Self.sendingTime / 4)
        // Meta suddenly allows a quarter of the rate: 130429 until the senders slow down.
        try await pipeline.simulator.configure(#"{"default_messages_per_second": \#(max(1, Self.throughput / 4))}"#)
        try await Task.sleep(for: .seconds(5))
        try await pipeline.simulator.configure(#"{"default_messages_per_second": \#(Self.throughput)}"#)
        let report = try await expectEverythingReconciled(pipeline, campaignID: campaignID, scenario: "provider faults")
        #expect(report.serverErrors > 0 && report.connectionResets > 0 && report.lostAnswers > 0, "faults were injected")
        #expect((report.rejectionsByCode["130429"] ?? 0) > 0, "the storm was felt")
    }

    @Test("a Kafka broker of 3 down for 10 s, the senders' coordinator moved, and request errors from the brokers")
    func brokerDown() async throws {
        let pipeline = try await FaultTestPipeline(throughput: Self.throughput)
        try await pipeline.startAll()
        let campaignID = try await pipeline.submitCampaign(Self.campaign)
        try await Task.sleep(for: Self.sendingTime / 4)
        try pipeline.cluster.setBrokerDown(2)
        try await Task.sleep(for: .seconds(10))
        try pipeline.cluster.setBrokerUp(2)
        try pipeline.cluster.setGroupCoordinator("wasend-sender", to: 3)
        pipeline.cluster.pushRequestErrors([.notLeaderForPartition, .notLeaderForPartition], for: .produce)
        pipeline.cluster.pushRequestErrors([.notLeaderForPartition, .notLeaderForPartition], for: .fetch)
        try await expectEverythingReconciled(pipeline, campaignID: campaignID, scenario: "broker down")
    }

    @Test("a token revoked mid-campaign stops the number for every sender, burns no job, and a resume finishes it")
    func revokedTokenMidCampaign() async throws {
        let pipeline = try await FaultTestPipeline(throughput: Self.throughput)
        try await pipeline.startAll()
        let campaignID = try await pipeline.submitCampaign(Self.campaign)
        try await Task.sleep(for: Self.sendingTime / 4)
        // Sender 0 starts again with a token Meta no longer accepts: 190.
        try pipeline.writeAccessToken("revoked-token")
        try await pipeline.kill(.sender(0))
        var reason: String?
        let deadline = ContinuousClock.now + .seconds(120)
        while reason == nil, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(500))
            reason = try? await pipeline.stoppedReason()
        }
        let progressWhileStopped = try await pipeline.client().progress(campaignID: campaignID)
        // A person puts the right token back, restarts that sender and resumes the number.
        try pipeline.writeAccessToken(pipeline.accessToken)
        try await pipeline.kill(.sender(0))
        let resumed = try await pipeline.resumeNumber()
        let stillStopped = try await pipeline.stoppedReason()
        try await expectEverythingReconciled(pipeline, campaignID: campaignID, scenario: "revoked token")
        #expect(reason == "error_190", "the number stopped on Meta's 190")
        #expect(progressWhileStopped.counters.failed.isEmpty, "no job failed for the number's fault")
        #expect(resumed == 200)
        #expect(stillStopped == nil)
    }

    @Test("redis-server killed mid-campaign and started again from its append-only file")
    func redisRestartedWithPersistence() async throws {
        try await redisRestartedMidCampaign(persistence: .appendOnly, scenario: "redis restart") { _ in }
    }

    @Test("redis-server killed mid-campaign and started again empty: the aggregator restores it from Kafka")
    func redisRestartedEmpty() async throws {
        // A backlog of 10 s of sending keeps the planner expanding when Redis comes back empty: the
        // duplicates of the campaign's second half then meet a restored planner state.
        let restores = try await redisRestartedMidCampaign(
            persistence: .none, plannerBacklog: Self.throughput * 10, scenario: "redis restart, empty"
        ) { pipeline in
            // The first restore is the new installation's (nothing to restore); the second, after the restart.
            var restored: [String] = []
            let deadline = ContinuousClock.now + .seconds(120)
            while restored.count < 2, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(500))
                restored = try pipeline.logLines(of: .aggregator, containing: "Redis restored from Kafka")
            }
            return restored
        }
        print("redis restart, empty: \(restores)")
        #expect(restores.count >= 2, "the aggregator restored Redis after it came back empty")
    }

    /// redis-server killed a quarter into the campaign and started again 5 s later; `whileBack`
    /// runs once it is up again, before the reconciliation. No second may exceed the number's rate.
    private func redisRestartedMidCampaign<Observed>(
        persistence: RedisServerProcess.Options.Persistence, plannerBacklog: Int? = nil, scenario: String,
        whileBack: (FaultTestPipeline) async throws -> Observed
    ) async throws -> Observed {
        let pipeline = try await FaultTestPipeline(
            throughput: Self.throughput, redisPersistence: persistence, plannerBacklog: plannerBacklog)
        try await pipeline.startAll()
        let campaignID = try await pipeline.submitCampaign(Self.campaign)
        try await Task.sleep(for: Self.sendingTime / 4)
        let plannedBeforeTheKill = try? await pipeline.client().progress(campaignID: campaignID).counters.planned
        let killed = Date()
        await pipeline.redisServer.kill()
        // Sends admitted before the kill go at their slots, at most 2 s ahead; nothing after them.
        try await Task.sleep(for: .milliseconds(2_500))
        let sentEarlyInTheOutage = try await pipeline.simulator.report().acceptedSends
        try await Task.sleep(for: .milliseconds(2_500))
        let sentLateInTheOutage = try await pipeline.simulator.report().acceptedSends
        try await pipeline.redisServer.start()
        #expect(sentLateInTheOutage == sentEarlyInTheOutage, "nothing is sent while Redis is away")
        let started = Date()
        let observed = try await whileBack(pipeline)
        let report = try await expectEverythingReconciled(pipeline, campaignID: campaignID, scenario: scenario)
        let number = report.numbers[FaultTestPipeline.phoneNumberID]
        let peak = number?.peakSendsPerSecond ?? .max
        let peakStart = number?.peakSecondStart.map { Date(timeIntervalSince1970: Double($0.millisecondsSinceEpoch) / 1000) }
        print("\(scenario): peak \(peak) sends in one second at \(Self.throughput)/s, in the second from \(peakStart.map { "\($0.timeIntervalSince(killed)) s" } ?? "?") after the kill; started again \(started.timeIntervalSince(killed)) s after it; planned before the kill: \(plannedBeforeTheKill.map { "\($0) of \(Self.campaign.expectedPlanned)" } ?? "?")")
        #expect(peak <= Self.throughput, "no second over the number's rate, before, during or after the outage")
        return observed
    }

    /// POSTs in the webhook flood, and the rate they arrive at (Meta's schedule, whatever the answers).
    static var webhookFlood: Int {
        ProcessInfo.processInfo.environment["WASEND_FAULT_WEBHOOK_FLOOD"].flatMap(Int.init) ?? 10_000
    }

    static var webhookFloodRate: Int {
        ProcessInfo.processInfo.environment["WASEND_FAULT_WEBHOOK_RATE"].flatMap(Int.init) ?? 5_000
    }

    @Test("webhooks abused while sending: wrong signatures, replayed bodies, a 1,000-status batch, a flood")
    func webhookAbuse() async throws {
        let pipeline = try await FaultTestPipeline(throughput: Self.throughput)
        try await pipeline.startAll()
        let campaignID = try await pipeline.submitCampaign(Self.campaign)
        try await Task.sleep(for: Self.sendingTime / 3)
        let abuse = WebhookAbuse(url: pipeline.apiURL + "/webhooks/meta", appSecret: pipeline.appSecret, http: pipeline.http)

        // What Meta (the simulator) sent so far, posted again: it must change nothing.
        let received = try await pipeline.records(of: pipeline.topics.webhooks, idle: .seconds(2), timeout: .seconds(60))
        let replays = try received.map { try JSONDecoder().decode(WebhookRecord.self, from: Data($0.value)).body }
        let forged = replays.prefix(200).map { $0 }
        let wrong = await abuse.post(forged, signedWith: "not-the-app-secret")
        let replayed = await abuse.post(replays, signedWith: pipeline.appSecret)
        let large = await abuse.post([WebhookAbuse.strangerStatuses(1_000, batch: 0)], signedWith: pipeline.appSecret)
        let flood = await abuse.flood(
            (1...Self.webhookFlood).map { WebhookAbuse.strangerStatuses(1, batch: $0) }, rate: Self.webhookFloodRate)
        let latencies = flood.answers.map(\.latency)
        print(
            "webhook abuse: \(forged.count) forged \(wrong), \(replays.count) replayed \(replayed), 1,000-status body \(large), "
                + "flood of \(Self.webhookFlood) at \(Self.webhookFloodRate)/s: answered at \(Int(flood.achievedRate))/s in \(flood.elapsed), "
                + "latency median \(latencies.millisecondsAt(0.5)), p99 \(latencies.millisecondsAt(0.99)), max \(latencies.millisecondsAt(1)) \(flood.statuses)")

        try await expectEverythingReconciled(pipeline, campaignID: campaignID, scenario: "webhook abuse")
        #expect(wrong == [401: forged.count], "a wrong signature is refused")
        #expect(replayed == [200: replays.count], "a replay is taken, and changes nothing")
        #expect(large == [200: 1])
        #expect(flood.statuses.keys.allSatisfy { $0 == 200 || $0 == 503 }, "the flood is taken or refused for a retry: \(flood.statuses)")
    }

    /// The reconciliation every scenario ends with.
    @discardableResult
    private func expectEverythingReconciled(
        _ pipeline: FaultTestPipeline, campaignID: String, scenario: String
    ) async throws -> SimulatorReport {
        let campaign = Self.campaign
        let reconciliation = try await pipeline.reconcile(campaignID, campaign: campaign, timeout: Self.completionTimeout)
        if !reconciliation.unfinishedDeliveries.isEmpty {
            // Where the statuses of jobs without a final state are: on `wasend.webhooks` (then
            // the aggregator skipped them) or not (then they were lost before Kafka).
            let webhooks = try await pipeline.records(of: pipeline.topics.webhooks, timeout: .seconds(120))
            let metrics = try await pipeline.http.execute(HTTPRequest(url: pipeline.apiURL + "/metrics")).body
            let received = String(decoding: metrics, as: UTF8.self).split(separator: "\n").filter {
                $0.hasPrefix("wasend_api_webhooks_received_total")
            }
            // librdkafka's mock cluster keeps at most 5 MB per partition and drops its oldest records
            // past that: a first offset above 0 shows the records a reader can no longer see; fewer
            // records than offsets, a gap.
            let byPartition = Dictionary(grouping: webhooks, by: \.partition).mapValues { records in
                let offsets = records.map(\.offset)
                return "\(records.count) at offsets \(offsets.min() ?? 0)...\(offsets.max() ?? 0), \(records.reduce(0) { $0 + $1.value.count }) bytes"
            }
            print("\(scenario): the API acknowledged \(received); wasend.webhooks holds \(webhooks.count) records, by partition \(byPartition)")
            // Which of the job's statuses each record holds: all of them on the topic means the
            // aggregator did not fold one; some missing means a record is gone.
            for job in reconciliation.unfinishedDeliveries {
                let jobID = String(job.prefix { $0 != ":" })
                let holding = webhooks.compactMap { record -> String? in
                    guard record.value.firstRange(of: Array(jobID.utf8)) != nil,
                        let body = try? JSONDecoder().decode(WebhookRecord.self, from: Data(record.value)).body,
                        let events = try? WebhookEventParser.events(from: Array(body.utf8))
                    else { return nil }
                    let statuses = events.compactMap { event -> String? in
                        guard case .status(let update) = event, update.jobID?.rawValue == jobID else { return nil }
                        return "\(update.status)"
                    }
                    return "\(record.partition)@\(record.offset) \(statuses)"
                }
                print("\(scenario): \(job) is in \(holding) of \(webhooks.count) webhook records")
            }
        }
        let exits = try await pipeline.stopAll()
        let secrets = try pipeline.linesWithSecrets()
        await pipeline.shutdown()
        print("fault scenario \(scenario): \(reconciliation); unclean exits \(exits)")

        let counters = reconciliation.progress.counters
        #expect(reconciliation.progress.state == "completed", "\(reconciliation)")
        #expect(reconciliation.finalDeliveries == reconciliation.planned, "a final delivery state for every job")
        #expect(
            counters.delivered + counters.deliveryFailed.values.reduce(0, +) + counters.expired
                == Int64(reconciliation.planned))
        #expect(reconciliation.progress.counters.skipped == campaign.expectedSkips, "every invalid phone and duplicate skipped once")
        #expect(reconciliation.planned == campaign.expectedPlanned, "one job per distinct number")
        #expect(reconciliation.planned + reconciliation.skipped == campaign.recipients, "every recipient accounted for")
        #expect(reconciliation.report.distinctJobs == reconciliation.planned, "no job lost")
        #expect(reconciliation.report.duplicateJobs.isEmpty, "no job sent twice")
        #expect(reconciliation.acceptedResults == reconciliation.planned, "a result for every job")
        #expect(reconciliation.skippedResults == reconciliation.skipped, "a result for every skipped recipient")
        #expect(counters.accepted == Int64(reconciliation.planned), "each job counted once")
        #expect(secrets.isEmpty, "secrets in logs: \(secrets.prefix(5))")
        return reconciliation.report
    }
}
