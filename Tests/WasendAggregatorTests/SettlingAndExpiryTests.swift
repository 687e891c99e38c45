import Foundation
import Testing
import WasendAggregator
import WasendCore
import WasendKafka
import WasendLimits
import WasendTestSupport

/// A job whose sender died before any result, settled from its status alone; messages that
/// expire; and `wasend.deliveries` getting a record only when a message's state changes.
@Suite(.serialized) struct SettlingAndExpiryTests {
    static func job(campaignID: String, index: Int) throws -> SendJob {
        let recipient = try PhoneNumber(e164Digits: "4915" + String(200_000_000 + index))
        return SendJob(
            jobID: JobID(campaignID: campaignID, recipient: recipient), campaignID: campaignID,
            phoneNumberID: AggregatorTestEnvironment.phoneNumberID, portfolioID: AggregatorTestEnvironment.portfolioID,
            recipient: recipient, category: .marketing, message: .text(TextMessage(body: "Hello")))
    }

    /// A status as Meta echoes it for a send of `job`: its `biz_opaque_callback_data` names the
    /// job and its campaign.
    static func status(_ job: SendJob, _ status: String, seconds: Int64) -> StatusBody.Status {
        StatusBody.Status(
            wamid: "wamid.\(job.jobID.rawValue)", status: status, seconds: seconds, recipient: job.recipient.digits,
            jobID: JobCallbackData(jobID: job.jobID, campaignID: job.campaignID).encoded)
    }

    static func records(of jobID: JobID, in values: [[UInt8]]) -> [DeliveryRecord] {
        let decoder = JSONDecoder()
        return values.compactMap { try? decoder.decode(DeliveryRecord.self, from: Data($0)) }.filter { $0.jobID == jobID }
    }

    static func latest(_ jobID: JobID, in latest: [String: [UInt8]]) -> DeliveryState? {
        latest[jobID.rawValue].flatMap { try? JSONDecoder().decode(DeliveryRecord.self, from: Data($0)).state }
    }

    @Test func aStatusSettlesAJobWhoseSenderDiedBeforeAnyResult() async throws {
        let environment = try await AggregatorTestEnvironment()
        let campaign = try AggregatorTestEnvironment.campaign()
        try await environment.create(campaign, recipients: 1)
        let job = try Self.job(campaignID: campaign.id, index: 1)
        let ledger = SendLedger(redis: environment.redis)
        // The sender reserved the job, sent it, and died: no result will ever come.
        let reservation = try await ledger.reserve([job], owner: "dead-sender")[0]
        guard case .reserved = reservation else {
            Issue.record("the job could not be reserved: \(reservation)")
            return
        }
        let now = Int64(Date().timeIntervalSince1970)
        let delivered = StatusBody.body([Self.status(job, "sent", seconds: now), Self.status(job, "delivered", seconds: now + 1)])
        let reader = try environment.consumer([environment.topics.deliveries])
        let deliveries = LatestRecords()
        try await environment.withAggregator(environment.configuration()) {
            try await environment.publishWebhooks([delivered])
            try await deliveries.read(from: reader) { latest, _ in Self.latest(job.jobID, in: latest)?.deliveredAt != nil }
            // Meta delivers the webhook again, then the read: the same key keeps them in order.
            try await environment.publishWebhooks([delivered, StatusBody.body([Self.status(job, "read", seconds: now + 5)])])
            try await deliveries.read(from: reader) { latest, _ in Self.latest(job.jobID, in: latest)?.readAt != nil }
            try await eventually("the campaign completes") {
                try await environment.campaignState(campaign.id) == .completed
            }
        }
        try await reader.shutdown()

        // Settled as sent with the status's wamid: a sender that takes the job up again skips it.
        let again = try await ledger.reserve([job], owner: "live-sender")[0]
        #expect(again == .alreadyFinal(.accepted(wamid: "wamid.\(job.jobID.rawValue)", messageStatus: .accepted)))
        let counters = try await environment.counters(campaignID: campaign.id)
        #expect(counters["accepted"] == 1)
        #expect(counters["sent"] == 1)
        #expect(counters["delivered"] == 1)
        #expect(counters["read"] == 1)
        #expect(counters[AggregatorKeys.settledField] == 1)
        // One record per change: the repeated webhook changed nothing and published nothing.
        let records = Self.records(of: job.jobID, in: await deliveries.values)
        #expect(records.count == 2)
        #expect(records.first?.state.readAt == nil)
        #expect(records.allSatisfy { $0.campaignID == campaign.id && $0.wamid == "wamid.\(job.jobID.rawValue)" })
        try await environment.shutdown()
    }

    @Test func aMessageSentAndNeverDeliveredExpiresOnce() async throws {
        let environment = try await AggregatorTestEnvironment()
        let campaign = try AggregatorTestEnvironment.campaign()
        try await environment.create(campaign, recipients: 2)
        let undelivered = try Self.job(campaignID: campaign.id, index: 1)
        let delivered = try Self.job(campaignID: campaign.id, index: 2)
        // Both were sent an hour ago, beyond the expiry of one minute; only one was delivered,
        // and its statuses come first, so it is never due.
        let sentAt = Int64(Date().timeIntervalSince1970) - 3_600
        let statuses = StatusBody.body([
            Self.status(undelivered, "sent", seconds: sentAt), Self.status(delivered, "sent", seconds: sentAt),
            Self.status(delivered, "delivered", seconds: sentAt + 2),
        ])
        let outcomes = [undelivered, delivered].map { job in
            SendOutcome(
                jobID: job.jobID, campaignID: campaign.id, phoneNumberID: job.phoneNumberID, attempt: 1,
                finishedAt: Timestamp(secondsSinceEpoch: sentAt),
                result: .accepted(wamid: "wamid.\(job.jobID.rawValue)", messageStatus: .accepted))
        }
        var configuration = environment.configuration()
        configuration.expiry = .seconds(60)
        let reader = try environment.consumer([environment.topics.deliveries])
        let deliveries = LatestRecords()
        try await environment.withAggregator(configuration) {
            try await environment.publishWebhooks([statuses])
            try await deliveries.read(from: reader) { latest, _ in Self.latest(delivered.jobID, in: latest)?.deliveredAt != nil }
            try await environment.publishResults(outcomes)
            try await deliveries.read(from: reader) { latest, _ in Self.latest(undelivered.jobID, in: latest)?.expiredAt != nil }
            try await eventually("the campaign completes") {
                try await environment.campaignState(campaign.id) == .completed
            }
            // The sweep closes a campaign once nothing is left to expire: sweeps ran after the expiry.
            try await eventually("the sweep forgets the campaign") {
                try await environment.redis.send("SISMEMBER", AggregatorKeys.openCampaigns, campaign.id).int == 0
            }
        }
        try await reader.shutdown()

        let counters = try await environment.counters(campaignID: campaign.id)
        #expect(counters["expired"] == 1)
        #expect(counters["sent"] == 2)
        #expect(counters["delivered"] == 1)
        #expect(counters["accepted"] == 2)
        #expect(counters[AggregatorKeys.settledField] == 2)
        let values = await deliveries.values
        let expiredRecords = Self.records(of: undelivered.jobID, in: values).filter { $0.state.expiredAt != nil }
        #expect(expiredRecords.count == 1)
        #expect(expiredRecords.first?.state.status == .expired)
        #expect(expiredRecords.first?.state.expiredAt == Timestamp(secondsSinceEpoch: sentAt + 60))
        #expect(Self.records(of: delivered.jobID, in: values).allSatisfy { $0.state.expiredAt == nil })
        #expect(Self.latest(delivered.jobID, in: await deliveries.latest)?.status == .delivered)
        try await environment.shutdown()
    }
}
