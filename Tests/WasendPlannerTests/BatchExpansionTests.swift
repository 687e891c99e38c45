import Testing
import WasendAPI
import WasendCampaigns
import WasendCore
import WasendPlanner

@Suite struct BatchExpansionTests {
    private func plan() throws -> CampaignPlan {
        CampaignPlan(record: try PlannerTestEnvironment.campaign(id: "cmp_1"))
    }

    private func batch(_ recipients: [Recipient]) -> RecipientStreamRecord.RecipientBatch {
        RecipientStreamRecord.RecipientBatch(campaignID: "cmp_1", uploadID: "upl_1", sequence: 3, recipients: recipients)
    }

    @Test func everyRecipientBecomesAJobOrASkipWithItsReason() throws {
        let recipients = [
            Recipient(phone: "+49 151 2345678", variables: ["name": "A"], optedIn: true),
            Recipient(phone: "0151 2345678", variables: ["name": "B"], optedIn: true),
            Recipient(phone: "+44 7700 900123", variables: ["name": "C"], optedIn: false),
            Recipient(phone: "+33 6 12 34 56 78", variables: ["name": "D"], optedIn: true),
            Recipient(phone: "0049 151 2345678", variables: ["name": "E"], optedIn: true),
            Recipient(phone: "+1 415 555 0100", variables: [:], optedIn: true),
        ]
        var expansion = BatchExpansion(
            plan: try plan(), batch: batch(recipients), partition: 2, offset: 40, cancelled: false,
            now: Timestamp(millisecondsSinceEpoch: 1))
        #expect(expansion.candidates.map(\.position.description) == ["2:40:0", "2:40:3", "2:40:4", "2:40:5"])
        expansion.complete(with: [.clear, .optedOut, .duplicate, .clear])

        #expect(expansion.jobs.map(\.recipient.digits) == ["491512345678"])
        let job = try #require(expansion.jobs.first)
        #expect(job.jobID == JobID(campaignID: "cmp_1", recipient: try PhoneNumber(e164Digits: "491512345678")))
        #expect(job.portfolioID == PlannerTestEnvironment.portfolioID)
        #expect(job.attempt == 1)
        #expect(job.uploadedRow == UploadedRow(uploadID: "upl_1", batchSequence: 3, index: 0), "a job names the row it came from")
        let reasons = Dictionary(uniqueKeysWithValues: expansion.skipped.map { ($0.row.index, $0.reason) })
        #expect(reasons == [1: .invalidPhone, 2: .noOptIn, 3: .optedOut, 4: .duplicate, 5: .missingVariable])
        #expect(expansion.skipped.first { $0.row.index == 5 }?.detail == "body parameter 1: missing_variable")
        #expect(expansion.skipped.first { $0.row.index == 1 }?.detail == "missing_country_code")
        #expect(expansion.skipped.first { $0.row.index == 1 }?.jobID == nil)
        #expect(expansion.skipped.allSatisfy { $0.row.batchSequence == 3 && $0.row.uploadID == "upl_1" })

        let counts = Dictionary(uniqueKeysWithValues: expansion.counterIncrements.map { ($0.field, $0.increment) })
        #expect(counts["planned"] == 1)
        #expect(counts["planner_skipped"] == 5)
        #expect(counts["skipped:invalid_phone"] == 1)
        #expect(counts["skipped:missing_variable"] == 1)
    }

    @Test func aCancelledCampaignSkipsEveryRecipient() throws {
        let expansion = BatchExpansion(
            plan: try plan(),
            batch: batch([
                Recipient(phone: "+49 151 2345678", optedIn: true), Recipient(phone: "12", optedIn: true),
            ]),
            partition: 0, offset: 0, cancelled: true, now: Timestamp(millisecondsSinceEpoch: 1))
        #expect(expansion.candidates.isEmpty)
        #expect(expansion.skipped.map(\.reason) == [.cancelled, .invalidPhone])
    }

    @Test func theBacklogCountsPlannedJobsNotYetFinished() {
        let counters: [String: Int64] = [
            "planned": 100, "accepted": 30, "failed:131026": 5, "skipped:duplicate": 7, "skipped:cancelled": 9,
            "planner_skipped": 12, "delivered": 20, "deferred:tier": 50,
        ]
        // Finished: 30 accepted + 5 failed + (16 skipped − 12 by the planner) = 39.
        #expect(CampaignBacklog.queuedJobs(counters: counters) == 61)
    }
}
