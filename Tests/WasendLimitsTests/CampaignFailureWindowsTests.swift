import Testing
import WasendCore
import WasendLimits

/// The auto-pause window shared by every sender, on a real `redis-server`.
@Suite(.serialized) struct CampaignFailureWindowsTests {
    @Test func twoSendersFillOneWindowWhichCrossesOnceOverTheThreshold() async throws {
        try await LimitsTestEnvironment.run { environment in
            let first = CampaignFailureWindows(redis: environment.redis, capacity: 10, threshold: 0.2)
            let second = CampaignFailureWindows(redis: environment.redis, capacity: 10, threshold: 0.2)
            // Three failures in the first sender: not full yet.
            let notFull = try await first.record(Self.outcomes("spring", failed: true, count: 3))
            // Another campaign's outcomes are its own.
            let otherCampaign = try await second.record(Self.outcomes("autumn", failed: false, count: 10))
            // Six successes from the second sender: 9 of 10.
            let nine = try await second.record(Self.outcomes("spring", failed: false, count: 6))
            // The tenth outcome fills the shared window with 3 failures in 10: over 20 %.
            let tenth = try await first.record(Self.outcomes("spring", failed: false, count: 1))
            // The crossing emptied it: a resumed campaign gets ten fresh outcomes.
            let afterwards = try await second.record(Self.outcomes("spring", failed: true, count: 2))
            #expect(notFull.isEmpty && otherCampaign.isEmpty && nine.isEmpty)
            #expect(tenth == ["spring"])
            #expect(afterwards.isEmpty)
        }
    }

    @Test func onlyTheLastOutcomesCount() async throws {
        try await LimitsTestEnvironment.run { environment in
            let windows = CampaignFailureWindows(redis: environment.redis, capacity: 10, threshold: 0.2)
            // 2 failures, then 10 successes roll them out.
            let old = try await windows.record(Self.outcomes("spring", failed: true, count: 2))
            let rolled = try await windows.record(Self.outcomes("spring", failed: false, count: 10))
            // 2 failures in the last 10 is not over 20 %; a third is.
            let two = try await windows.record(Self.outcomes("spring", failed: true, count: 2))
            let three = try await windows.record(Self.outcomes("spring", failed: true, count: 1))
            #expect(old.isEmpty && rolled.isEmpty && two.isEmpty)
            #expect(three == ["spring"])
        }
    }

    /// `count` outcomes of one campaign, all failed or all not.
    private static func outcomes(_ campaignID: String, failed: Bool, count: Int) -> [(campaignID: String, failed: Bool)] {
        Array(repeating: (campaignID, failed), count: count)
    }
}
