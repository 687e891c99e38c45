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
        for jobID in [first, second, first] { _ = tally.planned(jobID, from: nil) }
        tally.plannerSkipped(reason: "invalid_phone", row: UploadedRow(uploadID: "u1", batchSequence: 0, index: 3))
        tally.plannerSkipped(reason: "invalid_phone", row: UploadedRow(uploadID: "u1", batchSequence: 0, index: 3))
        tally.plannerSkipped(reason: "duplicate", row: UploadedRow(uploadID: "u1", batchSequence: 1, index: 0))
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
        _ = tally.planned(JobID(campaignID: "c1", recipient: try PhoneNumber(e164Digits: "4915112345678")), from: nil)
        tally.plannerSkipped(reason: "invalid_phone", row: UploadedRow(uploadID: "u1", batchSequence: 0, index: 3))
        let counters = Dictionary(uniqueKeysWithValues: tally.plannerCounters(everyJobSeen: false).map { ($0.field, $0.value) })
        #expect(counters["planned"] == 999)
        #expect(counters["planner_skipped"] == 1)
    }

    /// The planner's own state comes back from the rows jobs and skips name and the batch keys on
    /// `wasend.recipients`: where it read each planned recipient, and which batches it counted.
    @Test func rowsGiveThePlannerItsPositionsAndCountedBatchesBack() throws {
        var tally = LostCampaignTally()
        tally.batchRead(.init(campaignID: "c1", uploadID: "u1", sequence: 0), partition: 3, offset: 40)
        tally.batchRead(.init(campaignID: "c1", uploadID: "u1", sequence: 1), partition: 5, offset: 7)
        // A copy of batch 0 further on (its producer retried): the planner expands the first one first.
        tally.batchRead(.init(campaignID: "c1", uploadID: "u1", sequence: 0), partition: 3, offset: 41)
        let job = JobID(campaignID: "c1", recipient: try PhoneNumber(e164Digits: "4915112345678"))
        let position = tally.planned(job, from: UploadedRow(uploadID: "u1", batchSequence: 0, index: 12))
        #expect(position == SourcePosition(partition: 3, offset: 40, index: 12))
        #expect(tally.planned(job, from: nil) == nil, "a job that names no row gives no position")
        #expect(
            tally.planned(job, from: UploadedRow(uploadID: "u9", batchSequence: 0, index: 1)) == nil,
            "a row whose batch is no longer on the topic gives no position")
        tally.plannerSkipped(reason: "duplicate", row: UploadedRow(uploadID: "u1", batchSequence: 1, index: 0))
        #expect(tally.countedBatches == ["3:40", "5:7"])
    }
}
