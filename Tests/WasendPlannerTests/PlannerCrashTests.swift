import Foundation
import Testing
import WasendAPI
import WasendCampaigns
import WasendCore
import WasendKafka
import WasendPlanner
import WasendRedis
import WasendTestSupport

/// A `wasend planner` process is killed (SIGKILL) in the middle of a campaign and started again:
/// every expected job is found exactly once, and every skipped recipient is reported once.
///
/// The campaign has 200,000 recipients; `WASEND_TEST_SCALE` (e.g. `0.05`) shrinks it for CI.
@Suite(.serialized) struct PlannerCrashTests {
    static var scale: Double {
        ProcessInfo.processInfo.environment["WASEND_TEST_SCALE"].flatMap(Double.init) ?? 1
    }

    /// The uploaded rows, with what the planner must make of each.
    private struct Campaign {
        var recipients: [Recipient] = []
        var optedOut: [String] = []
        var expectedJobs = Set<String>()
        var expectedSkips: [String: Int] = [:]

        init(id: String, size: Int) throws {
            var seen = Set<String>()
            var optedOutDigits = Set<String>()
            for row in 0..<size where row % 43 == 42 {
                optedOutDigits.insert("4915" + String(100_000_000 + (row % 41 == 40 ? row - 1 : row)))
            }
            optedOut = Array(optedOutDigits)
            for row in 0..<size {
                let digits = "4915" + String(100_000_000 + (row % 41 == 40 ? row - 1 : row))
                let optIn = row % 37 != 36
                let phone = row % 50 == 49 ? "call-\(row)" : "+" + digits
                recipients.append(Recipient(phone: phone, variables: ["name": "r\(row)"], optedIn: optIn))
                let reason: String? =
                    if row % 50 == 49 { "invalid_phone" } else if !optIn { "no_opt_in" } else if optedOutDigits.contains(digits) {
                        "opted_out"
                    } else if !seen.insert(digits).inserted { "duplicate" } else { nil }
                if let reason {
                    expectedSkips[reason, default: 0] += 1
                } else {
                    expectedJobs.insert(JobID(campaignID: id, recipient: try PhoneNumber(e164Digits: digits)).rawValue)
                }
            }
        }
    }

    private struct Outcome: Decodable {
        struct Result: Decodable { var reason: String }
        var result: Result
        var uploadID: String
        var batchSequence: Int
        var index: Int

        /// The uploaded row: two rows of one number share a job id, so rows are told apart by position.
        var row: String { "\(uploadID)/\(batchSequence)/\(index)" }

        enum CodingKeys: String, CodingKey {
            case result, index
            case uploadID = "upload_id"
            case batchSequence = "batch_sequence"
        }
    }

    @Test func aKilledPlannerRestartsAndProducesEveryJobExactlyOnce() async throws {
        let size = max(2_000, Int(200_000 * Self.scale))
        let environment = try await PlannerTestEnvironment(jobPartitions: 64)
        let record = try PlannerTestEnvironment.campaign()
        let campaign = try Campaign(id: record.id, size: size)
        for chunk in stride(from: 0, to: campaign.optedOut.count, by: 1_000) {
            try await environment.redis.send(
                "SADD",
                arguments: [CampaignKeys.optOuts(portfolioID: PlannerTestEnvironment.portfolioID)]
                    + campaign.optedOut[chunk..<min(chunk + 1_000, campaign.optedOut.count)].map { $0 as any RedisArgument })
        }
        try await environment.publish(record)
        // The API would write a campaign this size in several uploads; each is written once the
        // previous one is planned, so the crash comes in the middle of an expansion that goes on.
        let uploads = Task {
            for start in stride(from: 0, to: size, by: Self.uploadSize) {
                try await environment.upload(
                    Array(campaign.recipients[start..<min(start + Self.uploadSize, size)]), campaignID: record.id)
                try await Self.waitUntilPlanned(start + Self.uploadSize, of: record.id, in: environment)
            }
        }
        defer { uploads.cancel() }

        let configuration = environment.plannerConfiguration()
        let arguments = [
            "planner", "--metrics-port", "0", "--bootstrap-servers", environment.cluster.bootstrapServers, "--redis-url", environment.redisServer.url,
            "--topic-prefix", environment.topics.prefix, "--group", configuration.groupID,
            "--transactional-id", configuration.transactionalID,
            "--max-backlog", "20000",
        ]
        let expectedResults = campaign.expectedSkips.values.reduce(0, +)
        let expectedTotal = campaign.expectedJobs.count + expectedResults

        let consumer = try environment.consumer([environment.topics.jobs, environment.topics.results])
        let reader = TopicReader()
        let senders = Task { try await Self.finishJobs(reader: reader, redis: environment.redis, campaignID: record.id, topic: environment.topics.jobs) }
        defer { senders.cancel() }

        let first = try WasendProcess(arguments)
        // Kill it once about a third of the campaign is out.
        try await reader.read(from: consumer, deadline: .seconds(600)) { $0.count >= expectedTotal / 3 }
        first.signal(SIGKILL)
        try await first.waitForExit()

        let second = try WasendProcess(arguments)
        try await reader.read(from: consumer, deadline: .seconds(900)) { $0.count >= expectedTotal }
        // Anything produced twice would show up now.
        try await reader.drain(consumer, for: .seconds(3))
        second.signal(SIGTERM)
        #expect(try await second.waitForExit() == 0)
        senders.cancel()
        try await uploads.value
        try await consumer.shutdown()

        let messages = await reader.messages
        let jobs = messages.filter { $0.topic == environment.topics.jobs }
        let jobIDs = try jobs.map { try JSONDecoder().decode(SendJob.self, from: Data($0.value)).jobID.rawValue }
        #expect(Set(jobIDs) == campaign.expectedJobs, "every expected job, none missing")

        let results = messages.filter { $0.topic == environment.topics.results }
        let outcomes = try results.map { try JSONDecoder().decode(Outcome.self, from: Data($0.value)) }
        // The embedded Kafka (librdkafka 2.0.2's mock brokers) does not filter aborted transactions
        // for read_committed consumers, so the records of the one transaction open at the kill
        // (at most 8 batches of 1,000 recipients) stay visible; real Kafka hides them.
        let openTransactionAtMost = 8 * 1_000
        let repeated = (jobIDs.count - Set(jobIDs).count) + (outcomes.count - Set(outcomes.map(\.row)).count)
        #expect(repeated <= openTransactionAtMost, "nothing is produced twice but the aborted transaction")
        var reasons: [String: Int] = [:]
        for outcome in Dictionary(outcomes.map { ($0.row, $0) }, uniquingKeysWith: { first, _ in first }).values {
            reasons[outcome.result.reason, default: 0] += 1
        }
        #expect(reasons == campaign.expectedSkips)

        let counters = try await environment.counters(campaignID: record.id)
        #expect(counters["planned"] == Int64(campaign.expectedJobs.count))
        for (reason, count) in campaign.expectedSkips {
            #expect(counters["skipped:\(reason)"] == Int64(count), "skipped:\(reason)")
        }
        try await environment.shutdown()
    }

    static let uploadSize = 10_000

    private static func waitUntilPlanned(_ count: Int, of campaignID: String, in environment: PlannerTestEnvironment) async throws {
        while true {
            let counters = try await environment.counters(campaignID: campaignID)
            let planned = (counters["planned"] ?? 0) + (counters[PlannerKeys.plannerSkippedField] ?? 0)
            if planned >= count { return }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Plays the senders: every job read counts as accepted, so the planner's backlog moves on.
    private static func finishJobs(reader: TopicReader, redis: RedisClient, campaignID: String, topic: String) async throws {
        var finished = 0
        while !Task.isCancelled {
            let read = await reader.messages.lazy.filter { $0.topic == topic }.count
            if read > finished {
                try await redis.send("HINCRBY", PlannerKeys.counters(campaignID: campaignID), "accepted", read - finished)
                finished = read
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
