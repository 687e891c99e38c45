import Foundation
import Testing
import WasendAPI
import WasendCampaigns
import WasendCore
import WasendKafka
import WasendPlanner
import WasendRedis
import WasendTestSupport

/// The planner against librdkafka's mock cluster and a real redis-server.
@Suite(.serialized) struct PlannerIntegrationTests {
    private static let decoder = JSONDecoder()

    private struct Result: Decodable {
        struct Skipped: Decodable {
            var outcome: String
            var reason: String
        }

        var jobID: String?
        var campaignID: String
        var result: Skipped

        var reason: String { result.reason }

        enum CodingKeys: String, CodingKey {
            case result
            case jobID = "job_id"
            case campaignID = "campaign_id"
        }
    }

    private struct Letter: Decodable {
        var reason: String
        var topic: String
    }

    @Test func everyRecipientBecomesOneValidJobOrOneSkippedResultWithItsReason() async throws {
        let environment = try await PlannerTestEnvironment()
        let validator = try JSONSchemaValidator(directory: JSONSchemaValidator.repositorySchemas)
        let campaign = try PlannerTestEnvironment.campaign()
        try await environment.redis.send("SADD", CampaignKeys.optOuts(portfolioID: PlannerTestEnvironment.portfolioID), "447700900123")
        let recipients = [
            Recipient(phone: "+49 151 2345678", variables: ["name": "A"], optedIn: true),
            Recipient(phone: "not a number", variables: ["name": "B"], optedIn: true),
            Recipient(phone: "+33 6 12 34 56 78", variables: ["name": "C"], optedIn: false),
            Recipient(phone: "+44 7700 900123", variables: ["name": "D"], optedIn: true),
            Recipient(phone: "0049 151 2345678", variables: ["name": "E"], optedIn: true),
            Recipient(phone: "+1 415 555 0100", variables: [:], optedIn: true),
            Recipient(phone: "+1 415 555 0101", variables: ["name": "G"], optedIn: true),
        ]
        try await environment.publish(campaign)
        // Two uploads: the duplicate is found across them too.
        try await environment.upload(Array(recipients[0..<3]), campaignID: campaign.id, batchSize: 2)
        try await environment.upload(Array(recipients[3...]), campaignID: campaign.id, batchSize: 2)
        try await environment.produceRaw(Array("{not json".utf8), topic: environment.topics.recipients, key: campaign.id)

        let reader = TopicReader()
        let consumer = try environment.consumer([environment.topics.jobs, environment.topics.results, environment.topics.deadLetters])
        let topics = environment.topics
        try await environment.withPlanner(environment.plannerConfiguration()) {
            try await reader.read(from: consumer) { messages in
                messages.filter { $0.topic != topics.deadLetters }.count >= recipients.count
                    && messages.contains { $0.topic == topics.deadLetters }
            }
        }
        try await consumer.shutdown()
        let messages = await reader.messages

        let jobs = try messages.filter { $0.topic == topics.jobs }.map { try Self.decoder.decode(SendJob.self, from: Data($0.value)) }
        #expect(Set(jobs.map(\.recipient.digits)) == ["491512345678", "14155550101"])
        for job in jobs {
            #expect(job.jobID == JobID(campaignID: campaign.id, recipient: job.recipient))
        }
        for message in messages where message.topic == topics.jobs {
            #expect(message.key.map { String(decoding: $0, as: UTF8.self) } == (try Self.decoder.decode(SendJob.self, from: Data(message.value))).recipient.digits)
        }
        let results = try messages.filter { $0.topic == topics.results }.map { try Self.decoder.decode(Result.self, from: Data($0.value)) }
        #expect(results.allSatisfy { $0.result.outcome == "skipped" })
        #expect(results.map(\.reason).sorted() == ["duplicate", "invalid_phone", "missing_variable", "no_opt_in", "opted_out"])
        let letters = try messages.filter { $0.topic == topics.deadLetters }.map { try Self.decoder.decode(Letter.self, from: Data($0.value)) }
        #expect(letters.map(\.reason) == ["unreadable_record"])

        for message in messages {
            let schema = message.topic.replacingOccurrences(of: topics.prefix, with: "wasend.") + ".schema.json"
            let violations = try validator.violations(of: message.value, against: schema)
            #expect(violations.isEmpty, "\(schema): \(violations)")
        }

        let counters = try await environment.counters(campaignID: campaign.id)
        #expect(counters["planned"] == 2)
        for reason in ["duplicate", "invalid_phone", "missing_variable", "no_opt_in", "opted_out"] {
            #expect(counters["skipped:\(reason)"] == 1, "skipped:\(reason)")
        }
        try await environment.shutdown()
    }

    @Test func whatTheTestsWriteAsTheAPIMatchesTheInputSchemas() throws {
        let validator = try JSONSchemaValidator(directory: JSONSchemaValidator.repositorySchemas)
        for record in [
            try PlannerTestEnvironment.campaign(), try PlannerTestEnvironment.campaign(state: .paused(.manual), text: "Hi {{a}}"),
        ] {
            let violations = try validator.violations(of: Array(JSONEncoder().encode(record)), against: "wasend.campaigns.schema.json")
            #expect(violations.isEmpty, "\(violations)")
        }
        let batch = RecipientStreamRecord.batch(
            .init(
                campaignID: "c", uploadID: "u", sequence: 0,
                recipients: [
                    Recipient(phone: "+49 151 2345678", variables: ["name": "A", "quote \"\n": "é😀"], optedIn: true)
                ]))
        let commit = RecipientStreamRecord.commit(.init(campaignID: "c", uploadID: "u", batches: 1, recipients: 1))
        let abort = RecipientStreamRecord.abort(.init(campaignID: "c", uploadID: "u", reason: "invalid_row"))
        for record in [batch, commit, abort] {
            let violations = try validator.violations(of: record.jsonBytes(), against: "wasend.recipients.schema.json")
            #expect(violations.isEmpty, "\(violations)")
        }
    }

    @Test func aReplayedBatchIsNotItsOwnDuplicateAndIsCountedOnce() async throws {
        let environment = try await PlannerTestEnvironment()
        let store = PlannerStore(redis: environment.redis)
        let phone = try PhoneNumber(e164Digits: "491512345678")
        let first = BatchExpansion.Candidate(phone: phone, position: SourcePosition(partition: 1, offset: 7, index: 0))
        let later = BatchExpansion.Candidate(phone: phone, position: SourcePosition(partition: 1, offset: 9, index: 4))
        #expect(try await store.screen([first], campaignID: "c", portfolioID: "p") == [.clear])
        // The same source position again (a replay after a crash): still the first.
        #expect(try await store.screen([first], campaignID: "c", portfolioID: "p") == [.clear])
        #expect(try await store.screen([later, first], campaignID: "c", portfolioID: "p") == [.duplicate, .clear])

        let increments: [(field: String, increment: Int64)] = [("planned", 3), ("skipped:duplicate", 1)]
        try await store.count(increments, campaignID: "c", batch: first.position)
        try await store.count(increments, campaignID: "c", batch: first.position)
        #expect(try await environment.counters(campaignID: "c") == ["planned": 3, "skipped:duplicate": 1])
        try await environment.shutdown()
    }

    /// A batch larger than the script's chunks of 1,000, whose later half repeats numbers of its
    /// first half, some across a chunk's edge: the first of each is clear, every repeat a
    /// duplicate, and the same batch replayed gets the same verdicts.
    @Test func duplicatesWithinALargeBatchAreFoundAcrossTheScriptsChunks() async throws {
        let environment = try await PlannerTestEnvironment()
        let store = PlannerStore(redis: environment.redis)
        let candidates = try (0..<2_500).map { index in
            BatchExpansion.Candidate(
                phone: try PhoneNumber(e164Digits: "4915100\(100_000 + index % 1_200)"),
                position: SourcePosition(partition: 0, offset: 3, index: index))
        }
        let expected = (0..<2_500).map { $0 < 1_200 ? RecipientScreening.clear : .duplicate }
        #expect(try await store.screen(candidates, campaignID: "c", portfolioID: "p") == expected)
        #expect(try await store.screen(candidates, campaignID: "c", portfolioID: "p") == expected)
        try await environment.shutdown()
    }

    @Test func campaignStatesAndSchedulesAreHonoured() async throws {
        let environment = try await PlannerTestEnvironment()
        let paused = try PlannerTestEnvironment.campaign(state: .paused(.manual))
        let cancelled = try PlannerTestEnvironment.campaign(state: .cancelled)
        let scheduled = try PlannerTestEnvironment.campaign(startAt: Timestamp(millisecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1_000)) + .seconds(3))
        let recipients = (0..<5).map { Recipient(phone: "+4915123456\($0)0", variables: ["name": "x"], optedIn: true) }
        // A waiting campaign holds the partitions where its records are next, and a random campaign
        // id may share a partition with another's: the paused one is written last, so its records
        // are behind the others' wherever they meet (README, known limits).
        for campaign in [cancelled, scheduled, paused] {
            try await environment.publish(campaign)
            try await environment.upload(recipients, campaignID: campaign.id)
        }
        let reader = TopicReader()
        let consumer = try environment.consumer([environment.topics.jobs, environment.topics.results])
        let topics = environment.topics
        let pausedID = paused.id
        let scheduledID = scheduled.id
        try await environment.withPlanner(environment.plannerConfiguration()) {
            // The cancelled campaign's recipients are reported; the scheduled one's come once due.
            try await reader.read(from: consumer) { messages in messages.count >= 10 }
            let early = await reader.messages
            #expect(!early.contains { String(decoding: $0.value, as: UTF8.self).contains(pausedID) })
            // Resume the paused campaign.
            try await environment.publish(try PlannerTestEnvironment.campaign(id: pausedID, version: 2))
            try await reader.read(from: consumer) { messages in messages.count >= 15 }
        }
        try await consumer.shutdown()
        let messages = await reader.messages
        #expect(messages.count == 15)
        let results = try messages.filter { $0.topic == topics.results }.map { try Self.decoder.decode(Result.self, from: Data($0.value)) }
        #expect(results.count == 5)
        #expect(results.allSatisfy { $0.reason == "cancelled" && $0.campaignID == cancelled.id })
        let jobs = try messages.filter { $0.topic == topics.jobs }.map { try Self.decoder.decode(SendJob.self, from: Data($0.value)) }
        #expect(jobs.filter { $0.campaignID == scheduledID }.allSatisfy { $0.notBefore != nil })
        #expect(Set(jobs.map(\.campaignID)) == [pausedID, scheduledID])
        let counters = try await environment.counters(campaignID: cancelled.id)
        #expect(counters["skipped:cancelled"] == 5)
        try await environment.shutdown()
    }

    @Test func theBacklogOfQueuedJobsStaysBounded() async throws {
        let environment = try await PlannerTestEnvironment()
        let campaignID = try await environment.publishCampaign(recipients: 5_000)
        let reader = TopicReader()
        let consumer = try environment.consumer([environment.topics.jobs])
        let redis = environment.redis
        try await environment.withPlanner(environment.plannerConfiguration(maxBacklog: 1_000)) {
            try await reader.read(from: consumer) { $0.count >= 1_000 }
            // The planner waits at the bound: give it time to overshoot if it were going to.
            try await Task.sleep(for: .seconds(1))
            let planned = try await environment.counters(campaignID: campaignID)["planned"] ?? 0
            #expect(planned <= 1_500, "at most the bound plus one batch is queued")
            // Senders finish jobs; the planner goes on, still within the bound.
            var finished: Int64 = 0
            while finished < 5_000 {
                let planned = try await environment.counters(campaignID: campaignID)["planned"] ?? 0
                #expect(planned - finished <= 1_500)
                if planned > finished {
                    try await redis.send("HINCRBY", PlannerKeys.counters(campaignID: campaignID), "accepted", planned - finished)
                    finished = planned
                }
                try await Task.sleep(for: .milliseconds(100))
            }
            try await reader.read(from: consumer) { $0.count >= 5_000 }
        }
        try await consumer.shutdown()
        #expect(await reader.messages.count == 5_000)
        try await environment.shutdown()
    }

    /// Redis goes away while the planner waits at a campaign's backlog bound: the planner waits for
    /// it (starting again from its committed offsets) instead of ending, and plans every recipient.
    @Test func aPlannerWaitsOutARedisRestartMidCampaign() async throws {
        let size = 5_000
        let environment = try await PlannerTestEnvironment(redisPersistence: .appendOnly)
        let campaignID = try await environment.publishCampaign(recipients: size)
        let reader = TopicReader()
        let consumer = try environment.consumer([environment.topics.jobs])
        let redis = environment.redis
        try await environment.withPlanner(environment.plannerConfiguration(maxBacklog: 1_000)) {
            try await reader.read(from: consumer) { $0.count >= 1_000 }
            await environment.redisServer.kill()
            try await Task.sleep(for: .seconds(3))
            try await environment.redisServer.start()
            // The senders finish what is planned, so the planner goes on; the test's own client
            // may find its connections closed by the restart once.
            var finished: Int64 = 0
            while finished < Int64(size) {
                if let planned = try? await environment.counters(campaignID: campaignID)["planned"], planned > finished,
                    (try? await redis.send("HINCRBY", PlannerKeys.counters(campaignID: campaignID), "accepted", planned - finished)) != nil
                {
                    finished = planned
                }
                try await Task.sleep(for: .milliseconds(100))
            }
            try await reader.read(from: consumer) { messages in
                Set(messages.compactMap { try? Self.decoder.decode(SendJob.self, from: Data($0.value)).jobID }).count >= size
            }
        }
        try await consumer.shutdown()
        let jobIDs = Set(try await reader.messages.map { try Self.decoder.decode(SendJob.self, from: Data($0.value)).jobID })
        #expect(jobIDs.count == size, "every recipient planned")
        #expect(try await environment.counters(campaignID: campaignID)["planned"] == Int64(size), "and counted once")
        try await environment.shutdown()
    }

    /// An upload far larger than what one partition of the embedded Kafka keeps, to a campaign
    /// whose backlog bound makes the planner wait for the senders most of the time: nothing is
    /// lost to retention, and every recipient is planned exactly once.
    @Test func aLargeUploadWaitingForTheSendersIsPlannedExactlyOnce() async throws {
        let size = 300_000
        let environment = try await PlannerTestEnvironment(jobPartitions: 16, recipientPartitions: 16)
        let campaign = try PlannerTestEnvironment.campaign()
        let recipients = (0..<size).map {
            Recipient(phone: "+4915\(String(100_000_000 + $0))", variables: ["name": "r\($0)"], optedIn: true)
        }
        try await environment.publish(campaign)
        let consumer = try environment.consumer([environment.topics.jobs])
        let redis = environment.redis
        let campaignID = campaign.id
        let counters = PlannerKeys.counters(campaignID: campaignID)
        let jobs = try await environment.withPlanner(environment.plannerConfiguration(maxBacklog: 5_000)) {
            // The whole upload is written before any of it is planned (its commit comes last).
            try await environment.upload(recipients, campaignID: campaignID)
            // The senders: every job read is finished, which lets the planner go on.
            var jobIDs: [String: Int] = [:]
            var read = 0
            while jobIDs.count < size {
                let batch = try await withDeadline(.seconds(120), waitingFor: "jobs from the planner") {
                    guard let batch = try await consumer.nextBatch() else { throw CancellationError() }
                    return batch
                }
                for message in batch {
                    jobIDs[try Self.decoder.decode(SendJob.self, from: Data(message.value)).jobID.rawValue, default: 0] += 1
                }
                read += batch.count
                let planned = try await environment.counters(campaignID: campaignID)["planned"] ?? 0
                #expect(planned - Int64(read) <= 5_000 + 8_000, "the backlog stays near its bound")
                try await redis.send("HINCRBY", counters, "accepted", batch.count)
            }
            return jobIDs
        }
        try await consumer.shutdown()
        #expect(jobs.count == size)
        #expect(jobs.values.allSatisfy { $0 == 1 }, "no job twice")
        let final = try await environment.counters(campaignID: campaignID)
        #expect(final["planned"] == Int64(size))
        #expect(final[PlannerKeys.plannerSkippedField] == nil)
        try await environment.shutdown()
    }
}
