import Foundation
import WasendCore

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

    enum CodingKeys: String, CodingKey {
        case id
        case tenantID = "tenant_id"
        case spec, state, version
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    static func newID() -> String {
        "cmp_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }
}
