import Testing
import WasendCampaigns
import WasendCore

@testable import WasendAggregator

/// What a restore counts for a campaign Redis lost: each job, skipped row and upload once,
/// however often the topics repeat them.
@Suite struct LostCampaignTallyTests {
    @Test func repeatedRecordsCountOnce() throws {
        var tally = LostCampaignTally()
        let first = JobID(campaignID: "c1", recipient: try PhoneNumber(e164Digits: "4915112345678"))
        let second = JobID(campaignID: "c1", recipient: try PhoneNumber(e164Digits: "4915112345679"))
        for jobID in [first, second, first] { tally.planned(jobID) }
        tally.plannerSkipped(reason: "invalid_phone", uploadID: "u1", batchSequence: 0, index: 3)
        tally.plannerSkipped(reason: "invalid_phone", uploadID: "u1", batchSequence: 0, index: 3)
        tally.plannerSkipped(reason: "duplicate", uploadID: "u1", batchSequence: 1, index: 0)
        let counters = Dictionary(uniqueKeysWithValues: tally.plannerCounters(everyJobSeen: true).map { ($0.field, $0.value) })
        #expect(counters == ["planned": 2, "skipped:invalid_phone": 1, "skipped:duplicate": 1, "planner_skipped": 2])
    }

    @Test func onlyCommittedUploadsBringRecipients() {
        var tally = LostCampaignTally()
        tally.uploadCommitted(.init(campaignID: "c1", uploadID: "u1", batches: 3, recipients: 2_500))
        tally.uploadCommitted(.init(campaignID: "c1", uploadID: "u1", batches: 3, recipients: 2_500))
        tally.uploadCommitted(.init(campaignID: "c1", uploadID: "u2", batches: 1, recipients: 10))
        tally.uploadAborted(.init(campaignID: "c1", uploadID: "u2", reason: "invalid_row"))
        #expect(tally.recipientsReceived == 2_500)
        #expect(tally.uploads == ["u1": .committed(batches: 3), "u2": .aborted])
        #expect(LostCampaignTally().plannerCounters(everyJobSeen: true).isEmpty)
    }

    /// Retention dropped the oldest jobs: planned is what the uploads brought less the planner's skips.
    @Test func withoutTheFirstJobsPlannedIsTheRecipientsNotSkipped() throws {
        var tally = LostCampaignTally()
        tally.uploadCommitted(.init(campaignID: "c1", uploadID: "u1", batches: 2, recipients: 1_000))
        tally.planned(JobID(campaignID: "c1", recipient: try PhoneNumber(e164Digits: "4915112345678")))
        tally.plannerSkipped(reason: "invalid_phone", uploadID: "u1", batchSequence: 0, index: 3)
        let counters = Dictionary(uniqueKeysWithValues: tally.plannerCounters(everyJobSeen: false).map { ($0.field, $0.value) })
        #expect(counters["planned"] == 999)
        #expect(counters["planner_skipped"] == 1)
    }
}
