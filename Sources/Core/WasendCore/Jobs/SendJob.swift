/// One message to send: the unit of work on the `wasend.jobs` topic.
///
/// Everything the sender needs is in the job (the rendered message included), so a sender never
/// reads the campaign to send, and a job replayed from Kafka sends exactly what was planned.
///
/// It is written once per recipient by the planner, so by ``JSONWriter`` rather than `Encodable`.
public struct SendJob: Sendable, Hashable, Decodable, JSONWritable {
    public var jobID: JobID
    public var campaignID: String
    /// The sending number (Meta's phone number id): its throughput and pair limits apply.
    public var phoneNumberID: String
    /// The business portfolio (WABA) whose moving 24 h messaging tier the recipient counts against.
    public var portfolioID: String
    public var recipient: PhoneNumber
    public var category: MessageCategory
    public var message: MessageContent
    /// 1 for the first try; a retry is the same job with the next attempt number.
    public var attempt: Int
    /// The job must not be sent before this time (schedules, backoff, deferral by a limit).
    public var notBefore: Timestamp?
    /// Higher goes first where a sender has a choice; 0 is the default.
    public var priority: Int
    /// The uploaded row the planner made the job from: an analyst traces a send back to the client's
    /// line, and a restore of Redis tells from it which recipients the planner had already seen.
    public var uploadedRow: UploadedRow?

    public init(
        jobID: JobID, campaignID: String, phoneNumberID: String, portfolioID: String, recipient: PhoneNumber,
        category: MessageCategory, message: MessageContent, attempt: Int = 1, notBefore: Timestamp? = nil,
        priority: Int = 0, uploadedRow: UploadedRow? = nil
    ) {
        self.jobID = jobID
        self.campaignID = campaignID
        self.phoneNumberID = phoneNumberID
        self.portfolioID = portfolioID
        self.recipient = recipient
        self.category = category
        self.message = message
        self.attempt = attempt
        self.notBefore = notBefore
        self.priority = priority
        self.uploadedRow = uploadedRow
    }

    private enum CodingKeys: String, CodingKey {
        case jobID = "job_id"
        case campaignID = "campaign_id"
        case phoneNumberID = "phone_number_id"
        case portfolioID = "portfolio_id"
        case recipient, category, message, attempt
        case notBefore = "not_before"
        case priority
        case uploadedRow = "uploaded_row"
    }

    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("job_id", jobID.rawValue)
        writer.member("campaign_id", campaignID)
        writer.member("phone_number_id", phoneNumberID)
        writer.member("portfolio_id", portfolioID)
        writer.member("recipient", recipient.digits)
        writer.member("category", category.rawValue)
        writer.member("message", message)
        writer.member("attempt", attempt)
        if let notBefore { writer.member("not_before", notBefore.millisecondsSinceEpoch) }
        writer.member("priority", priority)
        writer.member("uploaded_row", ifPresent: uploadedRow)
        writer.endObject()
    }
}
