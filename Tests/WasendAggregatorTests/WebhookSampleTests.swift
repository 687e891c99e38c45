import Foundation
import Testing
import WasendAggregator
import WasendCloudAPI
import WasendCore
import WasendKafka
import WasendLimits
import WasendRedis
import WasendTestSupport

/// Every sample of `Tests/WasendCloudAPITests/Samples` (Meta's payloads, see its SOURCES.md)
/// through the aggregator, produced to the webhooks topic as the API produces them: statuses
/// fold into their jobs' states, the other webhooks act, and what is not a webhook is set aside.
@Suite(.serialized) struct WebhookSampleTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("WasendCloudAPITests/Samples")

    @Test func everySampleThroughTheAggregator() async throws {
        let environment = try await AggregatorTestEnvironment()
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.samples.path).filter { $0.hasSuffix(".json") }.sorted()
        var bodies: [String] = []
        var unreadableCount = 0
        var events: [WebhookEvent] = []
        for name in names {
            let body = try String(contentsOf: Self.samples.appendingPathComponent(name), encoding: .utf8)
            bodies.append(body)
            if let parsed = try? WebhookEventParser.events(from: Array(body.utf8)) {
                events += parsed
            } else {
                unreadableCount += 1
            }
        }

        let unreadable = unreadableCount
        #expect(unreadable > 0, "the send responses and errors among the samples are not webhooks")

        // One sent job per distinct wamid a status names, with the job id a status carries.
        let campaign = try AggregatorTestEnvironment.campaign()
        try await environment.create(campaign)
        var jobs: [String: JobID] = [:]
        var expected: [String: DeliveryState] = [:]
        let acceptedAt = Timestamp(secondsSinceEpoch: 1_600_000_000)
        for case .status(let status) in events {
            if let jobID = status.jobID { jobs[status.wamid] = jobID }
        }
        for case .status(let status) in events {
            let jobID = jobs[status.wamid] ?? JobID(rawValue: "job-\(jobs.count)")
            jobs[status.wamid] = jobID
            var state = expected[jobID.rawValue] ?? DeliveryState([DeliveryEvent(status: .accepted, at: acceptedAt)])
            if let event = status.deliveryEvent { state.record(event) }
            expected[jobID.rawValue] = state
        }
        try await environment.publishResults(
            jobs.map { wamid, jobID in
                SendOutcome(
                    jobID: jobID, campaignID: campaign.id, phoneNumberID: AggregatorTestEnvironment.phoneNumberID, attempt: 1,
                    finishedAt: acceptedAt, result: .accepted(wamid: wamid, messageStatus: .accepted))
            })

        // What the other samples act on.
        let restricted = try AggregatorTestEnvironment.campaign(portfolioID: "whatsapp-business-account-id")
        try await environment.create(restricted)
        let resumedKey = CampaignKeys.optOuts(portfolioID: try #require(try Self.portfolio(of: "user_preferences_marketing_resume.json")))
        try await environment.redis.send("SADD", resumedKey, "16505551234")

        let sampleBodies = bodies
        let wanted = expected
        let deliveries = try environment.consumer([environment.topics.deliveries])
        let letters = try environment.consumer([environment.topics.deadLetters])
        let latest = LatestRecords()
        let setAside = LatestRecords()
        var configuration = environment.configuration()
        // The samples are years old: nothing may expire while they fold.
        configuration.expiry = .seconds(100 * 365 * 24 * 3600)
        try await environment.withAggregator(configuration) {
            try await environment.publishWebhooks(sampleBodies)
            try await latest.read(from: deliveries) { records, _ in
                let decoder = JSONDecoder()
                return wanted.allSatisfy { jobID, state in
                    records[jobID].flatMap { try? decoder.decode(DeliveryRecord.self, from: Data($0)).state } == state
                }
            }
            try await setAside.read(from: letters) { _, count in count >= unreadable }
        }
        let decoder = JSONDecoder()
        for value in await setAside.values {
            let letter = try #require(try JSONSerialization.jsonObject(with: Data(value)) as? [String: Any])
            #expect(letter["reason"] as? String == "unreadable_webhook")
            #expect(letter["service"] as? String == "aggregator")
        }
        let records = await latest.latest
        for (jobID, state) in expected {
            let record = try #require(records[jobID])
            #expect(try decoder.decode(DeliveryRecord.self, from: Data(record)).state == state)
        }
        try await deliveries.shutdown()
        try await letters.shutdown()

        #expect(try await environment.redis.send("SISMEMBER", resumedKey, "16505551234").int == 0)
        #expect(try await environment.campaignState(restricted.id) == .paused(.accountRestricted))
        #expect(try await NumberControls(redis: environment.redis).tier(portfolioID: "waba-id") == .tier10K)
        try await environment.shutdown()
    }

    /// The WhatsApp Business Account a sample is about.
    static func portfolio(of name: String) throws -> String? {
        let data = try Data(contentsOf: samples.appendingPathComponent(name))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return ((object?["entry"] as? [[String: Any]])?.first?["id"]) as? String
    }
}
