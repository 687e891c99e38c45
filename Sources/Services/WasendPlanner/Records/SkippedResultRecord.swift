import WasendCore

/// A recipient the planner made no job for, as a skipped result on `wasend.results`: every
/// recipient of a campaign ends up either as a job or as one of these, so none vanishes.
///
/// It has the shape of core's ``SendOutcome`` with a `skipped` result (attempt 0: nothing was
/// tried), plus where the recipient came from; `job_id` is absent when the phone number is
/// invalid, since a job id is derived from the normalised number.
/// Schema: `schemas/wasend.results.schema.json`.
public struct SkippedResultRecord: Sendable, Hashable, Encodable {
    public var jobID: JobID?
    public var campaignID: String
    public var phoneNumberID: String
    public var recipient: PhoneNumber?
    public var reason: SkipReason
    /// What exactly was wrong (the phone number's error code, the missing variable), never the message.
    public var detail: String?
    public var uploadID: String
    public var batchSequence: Int
    /// The recipient's index in its batch: with `upload_id` and `batch_sequence` it names the uploaded row.
    public var index: Int
    public var finishedAt: Timestamp

    public init(
        jobID: JobID?, campaignID: String, phoneNumberID: String, recipient: PhoneNumber?, reason: SkipReason,
        detail: String?, uploadID: String, batchSequence: Int, index: Int, finishedAt: Timestamp
    ) {
        self.jobID = jobID
        self.campaignID = campaignID
        self.phoneNumberID = phoneNumberID
        self.recipient = recipient
        self.reason = reason
        self.detail = detail
        self.uploadID = uploadID
        self.batchSequence = batchSequence
        self.index = index
        self.finishedAt = finishedAt
    }

    /// Results are keyed by job id; a recipient without one is keyed by its uploaded row.
    public var key: String {
        jobID?.rawValue ?? "\(campaignID)/\(uploadID)/\(batchSequence)/\(index)"
    }

    private enum CodingKeys: String, CodingKey {
        case jobID = "job_id"
        case campaignID = "campaign_id"
        case phoneNumberID = "phone_number_id"
        case attempt
        case finishedAt = "finished_at"
        case result, recipient
        case uploadID = "upload_id"
        case batchSequence = "batch_sequence"
        case index
    }

    private struct Result: Encodable {
        var outcome = "skipped"
        var reason: SkipReason
        var details: String?
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(jobID, forKey: .jobID)
        try container.encode(campaignID, forKey: .campaignID)
        try container.encode(phoneNumberID, forKey: .phoneNumberID)
        try container.encode(0, forKey: .attempt)
        try container.encode(finishedAt, forKey: .finishedAt)
        try container.encode(Result(reason: reason, details: detail), forKey: .result)
        try container.encodeIfPresent(recipient, forKey: .recipient)
        try container.encode(uploadID, forKey: .uploadID)
        try container.encode(batchSequence, forKey: .batchSequence)
        try container.encode(index, forKey: .index)
    }
}
