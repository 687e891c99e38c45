import Foundation
import Testing
import WasendCore
import WasendLimits
import WasendTestSupport

/// A sender killed with SIGKILL every few seconds during a campaign, and started again each
/// time, beside one that runs throughout: the simulator sees every job exactly once.
///
/// The issue's campaign has 50,000 jobs; CI runs 10,000. `WASEND_SENDER_CRASH_JOBS=50000` runs
/// the full size. Part of the serialized integration suite, so no other test's load runs beside it
/// (or beside the rate test).
extension SenderIntegrationTests {
    static var crashTestJobs: Int {
        ProcessInfo.processInfo.environment["WASEND_SENDER_CRASH_JOBS"].flatMap(Int.init) ?? 10_000
    }

    @Test func aSenderKilledEveryFewSecondsLosesNothingAndSendsNothingTwice() async throws {
        let webhookPort = try LoopbackPort.free()
        let environment = try await SenderTestEnvironment(
            throughput: 500, partitions: 16, webhookURL: "http://127.0.0.1:\(webhookPort)/webhook")
        let campaign = try await environment.createCampaign()
        let receiver = try await LedgerSettlingReceiver(
            port: webhookPort, ledger: SendLedger(redis: environment.redis), campaignID: campaign.id)
        let jobs = try await environment.produceJobs(Self.crashTestJobs, campaignID: campaign.id)
        let arguments = environment.senderArguments(["--in-doubt-seconds", "60", "--lease-seconds", "10"])

        let steady = try WasendProcess(arguments)
        // A killed member keeps its partitions until its session times out (10 s), and a kill comes
        // every 3 s, so most partitions wait for a dead member most of the time: the campaign goes
        // at a fifth of 500/s or less (40–90/s measured at 50,000 jobs), hence the tenfold deadline.
        // Victims with 3 s sessions (`--kafka-property session.timeout.ms=3000`) made it slower
        // still (10,000 jobs: 321 s and 105 kills): each expiry is one more eager rebalance, which
        // takes every partition from the steady member too.
        var kills = 0
        let deadline = ContinuousClock.now + .seconds(Double(Self.crashTestJobs) / 500 * 10 + 120)
        let started = ContinuousClock.now
        while try await environment.simulatorReport().distinctJobs < jobs.count, ContinuousClock.now < deadline {
            let victim = try WasendProcess(arguments)
            try await Task.sleep(for: .seconds(3))
            victim.signal(SIGKILL)
            try await victim.waitForExit()
            kills += 1
        }
        let sendingTime = ContinuousClock.now - started
        // What the last victim left in doubt is settled by webhooks or, failing those, sent again
        // after the in-doubt window (60 s); what is left unsent goes at the full rate once the
        // kills stop, after the dead members' sessions (10 s) end.
        let closing = try WasendProcess(arguments)
        let unsent = jobs.count - (try await environment.simulatorReport().distinctJobs)
        let settled = try await eventually(timeout: .seconds(120 + Double(unsent) / 500 * 2)) { () -> Bool? in
            let report = try await environment.simulatorReport()
            let counters = try await environment.redis.send("HGET", CampaignKeys.counters(campaign.id), "accepted").int ?? 0
            return report.distinctJobs >= jobs.count && counters >= jobs.count ? true : nil
        }
        // Anything sent twice would show up now.
        try await Task.sleep(for: .seconds(12))
        for sender in [steady, closing] { sender.signal(SIGTERM) }
        for sender in [steady, closing] { #expect(try await sender.waitForExit(timeout: .seconds(60)) == 0) }
        let report = try await environment.simulatorReport()
        let accepted = try await environment.redis.send("HGET", CampaignKeys.counters(campaign.id), "accepted").int
        // What the ledger knows of a job sent twice, for the diagnosis.
        for key in report.duplicateJobs.keys.sorted().prefix(3) {
            guard let slash = key.lastIndex(of: "/") else { continue }
            let jobID = JobID(rawValue: String(key[key.index(after: slash)...]))
            let entry = try await environment.redis.send(
                "HGETALL", SendingKeys.ledgerEntry(campaignID: campaign.id, jobID: jobID))
            print("crash test: \(key) sent twice; ledger entry \(entry)")
        }
        let counters = try await environment.redis.send("HGETALL", CampaignKeys.counters(campaign.id)).array?
            .compactMap(\.string).joined(separator: " ")
        await receiver.shutdown()
        await environment.shutdown()

        print("crash test: \(jobs.count) jobs, \(kills) kills in \(sendingTime); counters \(counters ?? "none"); webhooks: \(report.webhooks)")
        #expect(settled == true)
        #expect(kills >= 3)
        #expect(report.distinctJobs == jobs.count, "no job lost")
        #expect(report.duplicateJobs.isEmpty, "no job sent twice")
        #expect(report.acceptedSends == jobs.count)
        #expect(accepted == jobs.count, "each job counted once")
    }
}
