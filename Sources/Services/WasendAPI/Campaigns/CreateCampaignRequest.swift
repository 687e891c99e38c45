import Foundation
import WasendCore

/// The body of `POST /v1/campaigns`. The message is `template` (core's ``TemplateSpec`` JSON, with
/// `{{variable}}` patterns in its parameters) or `text` (one pattern string); recipients may come inline.
struct CreateCampaignRequest: Decodable {
    var name: String
    /// The sender's phone number id; one of the tenant's numbers.
    var from: String
    var category: MessageCategory
    var template: TemplateSpec?
    var text: TextPattern?
    var startAt: Date?
    var limits: CampaignLimits?
    var recipients: [UploadedRecipient]

    private enum CodingKeys: String, CodingKey {
        case name, from, category, template, text, limits, recipients
        case startAt = "start_at"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        from = try container.decode(String.self, forKey: .from)
        category = try container.decode(MessageCategory.self, forKey: .category)
        template = try container.decodeIfPresent(TemplateSpec.self, forKey: .template)
        text = try container.decodeIfPresent(TextPattern.self, forKey: .text)
        startAt = try container.decodeIfPresent(String.self, forKey: .startAt).map { text in
            guard let date = Self.parseDate(text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .startAt, in: container,
                    debugDescription: "must be an ISO 8601 date-time such as 2030-01-01T09:00:00Z")
            }
            return date
        }
        limits = try container.decodeIfPresent(CampaignLimits.self, forKey: .limits)
        recipients = try container.decodeIfPresent([UploadedRecipient].self, forKey: .recipients) ?? []
    }

    /// RFC 3339, with or without fractional seconds.
    private static func parseDate(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions.insert(.withFractionalSeconds)
        return formatter.date(from: text)
    }
}
