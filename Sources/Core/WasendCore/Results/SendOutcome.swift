/// One record on `wasend.results` (keyed by job id): which attempt of which job ended how, and when.
public struct SendOutcome: Sendable, Hashable, Codable {
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
}
