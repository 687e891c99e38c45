import WasendCampaigns
import WasendCore

/// What a restore counts for one campaign Redis lost, from the topics, before it writes the
/// campaign back: the planner's counters, the recipients its committed uploads brought, and the
/// planner's own state (which batches it counted, where it read each recipient it made a job for).
///
/// Records may repeat (a planner or sender that crashed mid-transaction produced them again), so
/// each is counted once by what it is about: a job by its id, a planner skip by its uploaded row.
struct LostCampaignTally: Sendable {
    private var plannedJobs: Set<JobID> = []
    private var skippedRows: Set<UploadedRow> = []
    /// Where each batch of the campaign's uploads lies on `wasend.recipients`: the first copy, which
    /// is the one the planner expands first.
    private var batchPositions: [BatchInUpload: SourcePosition] = [:]
    /// The batches the planner expanded (it made a job or a skip of one of their rows), as
    /// ``SourcePosition/batchDescription``: their counts are in the restored counters, so a planner
    /// that replays one must not add them again.
    private(set) var countedBatches: Set<String> = []
    private var skips: [String: Int64] = [:]
    private(set) var uploads: [String: UploadStatus] = [:]
    private var uploadedRecipients: [String: Int64] = [:]

    mutating func batchRead(_ key: RecipientStreamRecord.BatchKey, partition: Int32, offset: Int64) {
        let batch = BatchInUpload(uploadID: key.uploadID, sequence: key.sequence)
        if batchPositions[batch] == nil { batchPositions[batch] = SourcePosition(partition: partition, offset: offset, index: 0) }
    }

    /// Returns where the planner read the job's recipient, when the job names its row and that row's
    /// batch is still on `wasend.recipients`: the restore gives the planner its first position back,
    /// so a later duplicate of the recipient is skipped, not planned again.
    mutating func planned(_ jobID: JobID, from row: UploadedRow?) -> SourcePosition? {
        plannedJobs.insert(jobID)
        guard let row else { return nil }
        return expanded(row)
    }

    mutating func plannerSkipped(reason: String, row: UploadedRow) {
        _ = expanded(row)
        guard skippedRows.insert(row).inserted else { return }
        skips[reason, default: 0] += 1
    }

    private mutating func expanded(_ row: UploadedRow) -> SourcePosition? {
        guard var position = batchPositions[BatchInUpload(uploadID: row.uploadID, sequence: row.batchSequence)] else {
            return nil
        }
        countedBatches.insert(position.batchDescription)
        position.index = row.index
        return position
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

    private struct BatchInUpload: Hashable {
        var uploadID: String
        var sequence: Int
    }
}
