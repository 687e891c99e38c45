import WasendCore

/// A recipient the planner made no job for, as a skipped result on `wasend.results`: every
/// recipient of a campaign ends up either as a job or as one of these, so none vanishes.
///
/// It has the shape of core's ``SendOutcome`` with a `skipped` result (attempt 0: nothing was
/// tried), plus where the recipient came from; `job_id` is absent when the phone number is
/// invalid, since a job id is derived from the normalised number.
/// Schema: `schemas/wasend.results.schema.json`.
public struct SkippedResultRecord: Sendable, Hashable, JSONWritable {
    public var jobID: JobID?
    public var campaignID: String
    public var phoneNumberID: String
    public var recipient: PhoneNumber?
    public var reason: SkipReason
    /// What exactly was wrong (the phone number's error code, the missing variable), never the message.
    public var detail: String?
    /// The uploaded row the recipient came from, written as flat `upload_id`, `batch_sequence`, `index`.
    public var row: UploadedRow
    public var finishedAt: Timestamp

    public init(
        jobID: JobID?, campaignID: String, phoneNumberID: String, recipient: PhoneNumber?, reason: SkipReason,
        detail: String?, row: UploadedRow, finishedAt: Timestamp
    ) {
        self.jobID = jobID
        self.campaignID = campaignID
        self.phoneNumberID = phoneNumberID
        self.recipient = recipient
        self.reason = reason
        self.detail = detail
        self.row = row
        self.finishedAt = finishedAt
    }

    /// Results are keyed by job id; a recipient without one is keyed by its uploaded row.
    public var key: String {
        jobID?.rawValue ?? "\(campaignID)/\(row)"
    }

    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("job_id", ifPresent: jobID?.rawValue)
        writer.member("campaign_id", campaignID)
        writer.member("phone_number_id", phoneNumberID)
        writer.member("attempt", 0)
        writer.member("finished_at", finishedAt.millisecondsSinceEpoch)
        writer.key("result")
        writer.beginObject()
        writer.member("outcome", "skipped")
        writer.member("reason", reason.rawValue)
        writer.member("details", ifPresent: detail)
        writer.endObject()
        writer.member("recipient", ifPresent: recipient?.digits)
        row.writeMembers(to: &writer)
        writer.endObject()
    }
}
