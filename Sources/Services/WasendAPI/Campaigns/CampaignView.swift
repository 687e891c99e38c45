import Foundation
import WasendCore

/// A campaign as the API shows it: its spec's fields at the top level, then state and progress.
struct CampaignView: Encodable {
    var campaign: StoredCampaign

    private enum CodingKeys: String, CodingKey {
        case id, state, version, counters
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case recipientsReceived = "recipients_received"
    }

    func encode(to encoder: any Encoder) throws {
        let record = campaign.record
        try record.spec.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(record.id, forKey: .id)
        try container.encode(record.state, forKey: .state)
        try container.encode(record.version, forKey: .version)
        try container.encode(record.createdAt.date, forKey: .createdAt)
        try container.encode(record.updatedAt.date, forKey: .updatedAt)
        try container.encode(campaign.recipientsReceived, forKey: .recipientsReceived)
        try container.encode(campaign.counters, forKey: .counters)
    }
}

extension Timestamp {
    var date: Date { Date(timeIntervalSince1970: Double(millisecondsSinceEpoch) / 1_000) }

    static var now: Timestamp {
        Timestamp(millisecondsSinceEpoch: Int64((Date().timeIntervalSince1970 * 1_000).rounded()))
    }
}
