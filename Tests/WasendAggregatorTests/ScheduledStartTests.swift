import Foundation
import Testing
import WasendCore
import WasendKafka

@testable import WasendAggregator

@Suite struct ScheduledStartTests {
    static func scheduled(startingIn delay: Duration) throws -> CampaignRecord {
        var record = try AggregatorTestEnvironment.campaign(state: .scheduled)
        record.campaign.schedule = CampaignSchedule(startAt: .current + delay)
        return record
    }

    @Test func aScheduledCampaignStartsWhenItsTimeComesAndNotBefore() async throws {
        let environment = try await AggregatorTestEnvironment()
        let due = try Self.scheduled(startingIn: .seconds(2))
        let later = try Self.scheduled(startingIn: .seconds(3_600))
        try await environment.create(due)
        try await environment.create(later)
        let reader = try environment.consumer([environment.topics.campaigns])
        try await environment.withAggregator(environment.configuration()) {
            #expect(try await environment.campaignState(due.id) == .scheduled, "not before its time")
            try await eventually("the due campaign runs") { try await environment.campaignState(due.id) == .running }
        }
        #expect(try await environment.campaignState(later.id) == .scheduled)

        // The source of truth has it too: the planner and the senders follow `wasend.campaigns`.
        var started: CampaignRecord?
        let decoder = JSONDecoder()
        while started == nil, let batch = try await reader.nextBatch() {
            started = batch.compactMap { try? decoder.decode(CampaignRecord.self, from: Data($0.value)) }
                .first { $0.id == due.id && $0.version == 2 }
        }
        try await reader.shutdown()
        #expect(started?.campaign.state == .running)
        try await environment.shutdown()
    }
}
