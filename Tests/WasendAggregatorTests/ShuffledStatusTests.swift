import Foundation
import Testing
import WasendAggregator
import WasendCore
import WasendKafka
import WasendTestSupport

/// 10,000 messages whose statuses come shuffled, 20% duplicated and batched, some before their
/// send results: every final state and every counter is exact, and the campaign completes.
@Suite(.serialized) struct ShuffledStatusTests {
    /// One message of the campaign, with the statuses Meta will report for it.
    struct Message {
        var jobID: JobID
        var wamid: String
        var recipient: String
        var statuses: [StatusBody.Status]
        var expected: DeliveryState
    }

    /// Now, in whole seconds, so no message is old enough to expire during the test.
    static let acceptedAt = Timestamp(
        secondsSinceEpoch: Int64(Date().timeIntervalSince1970))

    /// A deterministic mix of paths: read, delivered only, failed, a skipped `sent`, a bare `read`;
    /// every seventh status names its message by wamid only.
    static func messages(campaignID: String, count: Int) throws -> [Message] {
        try (0..<count).map { index in
            let recipient = "4915" + String(100_000_000 + index)
            let jobID = JobID(campaignID: campaignID, recipient: try PhoneNumber(e164Digits: recipient))
            let wamid = "wamid.test\(index)"
            let base = acceptedAt.millisecondsSinceEpoch / 1_000 + 10 + Int64(index % 100)
            let path: [(String, Int64, Int?)] =
                switch index % 20 {
                case 0..<12: [("sent", base, nil), ("delivered", base + 5, nil), ("read", base + 60, nil)]
                case 12..<16: [("sent", base, nil), ("delivered", base + 5, nil)]
                case 16, 17: [("sent", base, nil), ("failed", base + 3, 131026)]
                case 18: [("delivered", base + 5, nil), ("read", base + 9, nil)]
                default: [("read", base + 20, nil)]
                }
            let statuses = path.enumerated().map { offset, step in
                StatusBody.Status(
                    wamid: wamid, status: step.0, seconds: step.1, recipient: recipient,
                    jobID: (index + offset) % 7 == 0 ? nil : jobID.rawValue, errorCode: step.2)
            }
            var events = [DeliveryEvent(status: .accepted, at: acceptedAt)]
            for step in path {
                events.append(
                    DeliveryEvent(
                        status: DeliveryStatus(webhookStatus: step.0)!, at: Timestamp(secondsSinceEpoch: step.1),
                        errorCode: step.2))
            }
            return Message(jobID: jobID, wamid: wamid, recipient: recipient, statuses: statuses, expected: DeliveryState(events))
        }
    }

    @Test func shuffledDuplicatedBatchedStatusesGiveExactStatesAndCounters() async throws {
        let count = 10_000
        let environment = try await AggregatorTestEnvironment(partitions: 16)
        let record = try AggregatorTestEnvironment.campaign()
        try await environment.create(record, recipients: count)
        let messages = try Self.messages(campaignID: record.id, count: count)

        var generator = SplitMix64(seed: 42)
        var statuses = messages.flatMap(\.statuses)
        statuses += statuses.filter { _ in Double.random(in: 0..<1, using: &generator) < 0.2 }
        statuses.shuffle(using: &generator)
        var bodies: [String] = []
        var start = 0
        while start < statuses.count {
            let size = Int.random(in: 1...50, using: &generator)
            bodies.append(StatusBody.body(Array(statuses[start..<min(start + size, statuses.count)])))
            start += size
        }
        let outcomes = messages.shuffled(using: &generator).map { message in
            SendOutcome(
                jobID: message.jobID, campaignID: record.id, phoneNumberID: AggregatorTestEnvironment.phoneNumberID,
                attempt: 1, finishedAt: Self.acceptedAt,
                result: .accepted(wamid: message.wamid, messageStatus: .accepted))
        }

        let batches = bodies
        let reader = try environment.consumer([environment.topics.deliveries])
        let deliveries = LatestRecords()
        let expected = Dictionary(uniqueKeysWithValues: messages.map { ($0.jobID.rawValue, $0.expected) })
        try await environment.withAggregator(environment.configuration()) {
            // A third of the webhooks come before any send result: they wait for their jobs.
            let early = batches.count / 3
            try await environment.publishWebhooks(Array(batches[..<early]), keys: 64)
            try await environment.publishResults(outcomes)
            try await environment.publishWebhooks(Array(batches[early...]), keys: 64)
            try await deliveries.read(from: reader, deadline: .seconds(180)) { latest, _ in
                guard latest.count >= expected.count else { return false }
                let decoder = JSONDecoder()
                return expected.allSatisfy { jobID, state in
                    latest[jobID].flatMap { try? decoder.decode(DeliveryRecord.self, from: Data($0)).state } == state
                }
            }
            try await eventually("the campaign completes") {
                try await environment.campaignState(record.id) == .completed
            }
        }
        try await reader.shutdown()

        var reached: [String: Int64] = [:]
        for message in messages {
            let state = message.expected
            if state.sentAt != nil || state.effectiveDeliveredAt != nil { reached["sent", default: 0] += 1 }
            if state.effectiveDeliveredAt != nil { reached["delivered", default: 0] += 1 }
            if state.readAt != nil { reached["read", default: 0] += 1 }
            if let code = state.errorCode { reached["delivery_failed:\(code)", default: 0] += 1 }
        }
        let counters = try await environment.counters(campaignID: record.id)
        for (field, value) in reached {
            #expect(counters[field] == value, "\(field)")
        }
        #expect(counters[AggregatorKeys.settledField] == Int64(count))
        #expect(counters["expired"] == nil)
        #expect(try await environment.campaignState(record.id) == .completed)

        let validator = try JSONSchemaValidator(directory: JSONSchemaValidator.repositorySchemas)
        for (_, value) in await deliveries.latest.prefix(200) {
            #expect(try validator.violations(of: value, against: "wasend.deliveries.schema.json").isEmpty)
        }
        try await environment.shutdown()
    }
}
