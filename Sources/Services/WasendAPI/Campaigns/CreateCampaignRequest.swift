/// The body of `POST /v1/campaigns`: a ``CampaignSpec`` with, optionally, its first recipients inline.
struct CreateCampaignRequest: Decodable {
    var spec: CampaignSpec
    var recipients: [UploadedRecipient]

    private enum CodingKeys: String, CodingKey {
        case recipients
    }

    init(from decoder: any Decoder) throws {
        self.spec = try CampaignSpec(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.recipients = try container.decodeIfPresent([UploadedRecipient].self, forKey: .recipients) ?? []
    }
}
