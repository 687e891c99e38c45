import Foundation
import WasendCore

/// What a client asks for in `POST /v1/campaigns`: the campaign, not its recipients.
/// Stored as given (after validation) in the campaign record, so the planner renders from exactly this.
public struct CampaignSpec: Sendable, Hashable, Codable {
    public var name: String
    /// The sender's phone number id; one of the tenant's numbers.
    public var from: String
    public var category: MessageCategory
    /// Exactly one of `template` and `text`.
    public var template: TemplateSpec?
    /// A free-form text with `{{variable}}` references; Meta delivers it only inside a 24 h window.
    public var text: String?
    /// When sending may begin; absent means as soon as the campaign is started.
    public var startAt: Date?
    public var limits: CampaignLimits?

    enum CodingKeys: String, CodingKey {
        case name, from, category, template, text, limits
        case startAt = "start_at"
    }
}

/// An approved template; parameter texts may reference recipient variables as `{{name}}`.
public struct TemplateSpec: Sendable, Hashable, Codable {
    public var name: String
    /// The approved language, e.g. `en_US`.
    public var language: String
    public var components: [TemplateComponent]

    enum CodingKeys: String, CodingKey {
        case name, language, components
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try container.decode(String.self, forKey: .name)
        self.language = try container.decode(String.self, forKey: .language)
        self.components = try container.decodeIfPresent([TemplateComponent].self, forKey: .components) ?? []
    }
}

/// Per-campaign limits, tighter than the sender number's own.
public struct CampaignLimits: Sendable, Hashable, Codable {
    /// At most the sender number's throughput.
    public var messagesPerSecond: Int?
    /// Recipients outside their service window per moving 24 h; at most the number's tier.
    public var maxRecipientsPer24Hours: Int?

    enum CodingKeys: String, CodingKey {
        case messagesPerSecond = "messages_per_second"
        case maxRecipientsPer24Hours = "max_recipients_per_24h"
    }
}
