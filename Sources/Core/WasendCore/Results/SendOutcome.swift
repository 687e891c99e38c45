/// One record on `wasend.results` (keyed by job id): which attempt of which job ended how, and when.
///
/// Written once per send, so by ``JSONWriter`` rather than `Encodable`; read with `Decodable`.
public struct SendOutcome: Sendable, Hashable, Decodable, JSONWritable {
    public var jobID: JobID
    public var campaignID: String
    public var phoneNumberID: String
    public var attempt: Int
    public var finishedAt: Timestamp
    public var result: SendResult

    public init(
        jobID: JobID, campaignID: String, phoneNumberID: String, attempt: Int, finishedAt: Timestamp,
        result: SendResult
    ) {
        self.jobID = jobID
        self.campaignID = campaignID
        self.phoneNumberID = phoneNumberID
        self.attempt = attempt
        self.finishedAt = finishedAt
        self.result = result
    }

    public init(job: SendJob, finishedAt: Timestamp, result: SendResult) {
        self.init(
            jobID: job.jobID, campaignID: job.campaignID, phoneNumberID: job.phoneNumberID, attempt: job.attempt,
            finishedAt: finishedAt, result: result)
    }

    private enum CodingKeys: String, CodingKey {
        case jobID = "job_id"
        case campaignID = "campaign_id"
        case phoneNumberID = "phone_number_id"
        case attempt
        case finishedAt = "finished_at"
        case result
    }

    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("job_id", jobID.rawValue)
        writer.member("campaign_id", campaignID)
        writer.member("phone_number_id", phoneNumberID)
        writer.member("attempt", attempt)
        writer.member("finished_at", finishedAt.millisecondsSinceEpoch)
        writer.member("result", result)
        writer.endObject()
    }
}
