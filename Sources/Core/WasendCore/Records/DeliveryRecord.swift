/// One message's current delivery state: the value of `wasend.deliveries` (keyed by job id,
/// compacted), the analytics contract. Schema: `schemas/wasend.deliveries.schema.json`.
///
/// Encoded flat: the job's identity, then the ``DeliveryState``'s fields (`status` and the time
/// of each stage reached), so a reader needs no knowledge of how webhooks were folded.
public struct DeliveryRecord: Sendable, Hashable, Codable {
    public var jobID: JobID
    public var campaignID: String
    /// E.164 digits; absent while neither the send result nor a webhook has named the recipient.
    public var recipient: String?
    public var wamid: String?
    public var state: DeliveryState
    /// Meta's pricing category (`marketing`, `utility`, …), once a status reported it.
    public var pricingCategory: String?
    public var updatedAt: Timestamp

    public init(
        jobID: JobID, campaignID: String, recipient: String?, wamid: String?, state: DeliveryState,
        pricingCategory: String?, updatedAt: Timestamp
    ) {
        self.jobID = jobID
        self.campaignID = campaignID
        self.recipient = recipient
        self.wamid = wamid
        self.state = state
        self.pricingCategory = pricingCategory
        self.updatedAt = updatedAt
    }

    private enum CodingKeys: String, CodingKey {
        case jobID = "job_id"
        case campaignID = "campaign_id"
        case recipient, wamid
        case pricingCategory = "pricing_category"
        case updatedAt = "updated_at"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        jobID = try container.decode(JobID.self, forKey: .jobID)
        campaignID = try container.decode(String.self, forKey: .campaignID)
        recipient = try container.decodeIfPresent(String.self, forKey: .recipient)
        wamid = try container.decodeIfPresent(String.self, forKey: .wamid)
        pricingCategory = try container.decodeIfPresent(String.self, forKey: .pricingCategory)
        updatedAt = try container.decode(Timestamp.self, forKey: .updatedAt)
        state = try DeliveryState(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(jobID, forKey: .jobID)
        try container.encode(campaignID, forKey: .campaignID)
        try container.encodeIfPresent(recipient, forKey: .recipient)
        try container.encodeIfPresent(wamid, forKey: .wamid)
        try container.encodeIfPresent(pricingCategory, forKey: .pricingCategory)
        try container.encode(updatedAt, forKey: .updatedAt)
        try state.encode(to: encoder)
    }
}
