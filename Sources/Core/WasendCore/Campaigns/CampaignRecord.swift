import Foundation

/// A campaign as stored: the value of its `wasend.campaigns` record (keyed by `id`; the compacted
/// topic is the source of truth) and of its Redis hash (the fast copy senders poll).
/// `version` grows by one with every change; consumers keep the highest version they saw.
public struct CampaignRecord: Sendable, Hashable, Codable {
    public var id: String
    public var tenantID: String
    public var spec: CampaignSpec
    public var state: CampaignState
    public var version: Int
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(
        id: String, tenantID: String, spec: CampaignSpec, state: CampaignState, version: Int, createdAt: Timestamp,
        updatedAt: Timestamp
    ) {
        self.id = id
        self.tenantID = tenantID
        self.spec = spec
        self.state = state
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id
        case tenantID = "tenant_id"
        case spec, state, version
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}
