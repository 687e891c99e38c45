import WasendCore

/// A recipient the planner made no job for, as a `skipped` result on `wasend.results`: every
/// recipient of a campaign ends up either as a job or as one of these, so none vanishes.
///
/// The shape is the `skipped` variant of `schemas/wasend.results.schema.json`.
public struct SkippedResultRecord: Sendable, Hashable, Codable {
    public var status = "skipped"
    /// The job the recipient would have had; `nil` when the phone number is invalid.
    public var jobID: JobID?
    public var campaignID: String
    public var recipient: PhoneNumber?
    public var reason: SkipReason
    /// What exactly was wrong (the phone number's error code, the missing variable), never the message.
    public var detail: String?
    public var uploadID: String
    public var batchSequence: Int
    /// The recipient's index in its batch: with `upload_id` and `batch_sequence` it names the uploaded row.
    public var index: Int
    public var attempt = 0
    public var at: Timestamp

    public init(
        jobID: JobID?, campaignID: String, recipient: PhoneNumber?, reason: SkipReason, detail: String?,
        uploadID: String, batchSequence: Int, index: Int, at: Timestamp
    ) {
        self.jobID = jobID
        self.campaignID = campaignID
        self.recipient = recipient
        self.reason = reason
        self.detail = detail
        self.uploadID = uploadID
        self.batchSequence = batchSequence
        self.index = index
        self.at = at
    }

    /// Results are keyed by job id; a recipient without one is keyed by its uploaded row.
    public var key: String {
        jobID?.rawValue ?? "\(campaignID)/\(uploadID)/\(batchSequence)/\(index)"
    }

    private enum CodingKeys: String, CodingKey {
        case status
        case jobID = "job_id"
        case campaignID = "campaign_id"
        case recipient, reason, detail
        case uploadID = "upload_id"
        case batchSequence = "batch_sequence"
        case index, attempt, at
    }
}
