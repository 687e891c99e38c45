/// A campaign as stored: the value of its `wasend.campaigns` record (keyed by id; the compacted topic
/// is the source of truth) and of its Redis hash (the fast copy senders poll).
///
/// Encoded flat: core's ``Campaign`` fields plus `tenant_id`, `version`, `created_at` and `updated_at`
/// (milliseconds), so consumers can decode a plain ``Campaign`` from it. `version` grows by one with
/// every change; consumers keep the highest version they saw.
public struct CampaignRecord: Sendable, Hashable, Codable {
    public var campaign: Campaign
    public var tenantID: String
    public var version: Int
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(campaign: Campaign, tenantID: String, version: Int, createdAt: Timestamp, updatedAt: Timestamp) {
        self.campaign = campaign
        self.tenantID = tenantID
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var id: String { campaign.id }

    private enum CodingKeys: String, CodingKey {
        case tenantID = "tenant_id"
        case version
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    public init(from decoder: any Decoder) throws {
        campaign = try Campaign(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        tenantID = try container.decode(String.self, forKey: .tenantID)
        version = try container.decode(Int.self, forKey: .version)
        createdAt = try container.decode(Timestamp.self, forKey: .createdAt)
        updatedAt = try container.decode(Timestamp.self, forKey: .updatedAt)
    }

    public func encode(to encoder: any Encoder) throws {
        try campaign.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tenantID, forKey: .tenantID)
        try container.encode(version, forKey: .version)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
    }
}
