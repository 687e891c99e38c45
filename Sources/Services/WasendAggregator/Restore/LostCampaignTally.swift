import WasendCampaigns
import WasendCore

/// What a restore counts for one campaign Redis lost, from the topics, before it writes the
/// campaign back: the planner's counters and the recipients its committed uploads brought.
///
/// Records may repeat (a planner or sender that crashed mid-transaction produced them again), so
/// each is counted once by what it is about: a job by its id, a planner skip by its uploaded row.
struct LostCampaignTally: Sendable {
    private var plannedJobs: Set<JobID> = []
    private var skippedRows: Set<String> = []
    private var skips: [String: Int64] = [:]
    private(set) var uploads: [String: UploadStatus] = [:]
    private var uploadedRecipients: [String: Int64] = [:]

    mutating func planned(_ jobID: JobID) {
        plannedJobs.insert(jobID)
    }

    mutating func plannerSkipped(reason: String, uploadID: String, batchSequence: Int, index: Int) {
        guard skippedRows.insert("\(uploadID)/\(batchSequence)/\(index)").inserted else { return }
        skips[reason, default: 0] += 1
    }

    mutating func uploadCommitted(_ commit: RecipientStreamRecord.UploadCommit) {
        uploads[commit.uploadID] = .committed(batches: commit.batches)
        uploadedRecipients[commit.uploadID] = Int64(commit.recipients)
    }

    mutating func uploadAborted(_ abort: RecipientStreamRecord.UploadAbort) {
        uploads[abort.uploadID] = .aborted
        uploadedRecipients[abort.uploadID] = nil
    }

    var recipientsReceived: Int64 { uploadedRecipients.values.reduce(0, +) }

    /// The planner's fields of the campaign's counters, as it would have counted them.
    ///
    /// `planned` is the distinct jobs on `wasend.jobs` when the restore read that topic from its first
    /// record (`everyJobSeen`). When retention has dropped old jobs, it is every received recipient
    /// the planner did not skip, which is exact once the planner has expanded every committed upload.
    func plannerCounters(everyJobSeen: Bool) -> [(field: String, value: Int64)] {
        var counters: [(String, Int64)] = []
        let skipped = skips.values.reduce(0, +)
        let planned = everyJobSeen ? Int64(plannedJobs.count) : max(0, recipientsReceived - skipped)
        if planned > 0 { counters.append((CampaignCounterField.planned.name, planned)) }
        for (reason, count) in skips { counters.append((CampaignCounterField.skipped(reason: reason).name, count)) }
        if skipped > 0 { counters.append((PlannerKeys.plannerSkippedField, skipped)) }
        return counters
    }
}
