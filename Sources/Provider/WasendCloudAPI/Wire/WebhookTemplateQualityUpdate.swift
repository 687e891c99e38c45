/// The value of a `message_template_quality_update` change: a template's quality score moved.
public struct WebhookTemplateQualityUpdate: Codable, Hashable, Sendable {
    /// `GREEN`, `YELLOW`, `RED`, `UNKNOWN`.
    public var previousQualityScore: String?
    public var newQualityScore: String
    public var messageTemplateID: String
    public var messageTemplateName: String?
    public var messageTemplateLanguage: String?

    public init(
        previousQualityScore: String? = nil,
        newQualityScore: String,
        messageTemplateID: String,
        messageTemplateName: String? = nil,
        messageTemplateLanguage: String? = nil
    ) {
        self.previousQualityScore = previousQualityScore
        self.newQualityScore = newQualityScore
        self.messageTemplateID = messageTemplateID
        self.messageTemplateName = messageTemplateName
        self.messageTemplateLanguage = messageTemplateLanguage
    }

    enum CodingKeys: String, CodingKey {
        case previousQualityScore = "previous_quality_score"
        case newQualityScore = "new_quality_score"
        case messageTemplateID = "message_template_id"
        case messageTemplateName = "message_template_name"
        case messageTemplateLanguage = "message_template_language"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.previousQualityScore = try container.decodeIfPresent(String.self, forKey: .previousQualityScore)
        self.newQualityScore = try container.decode(String.self, forKey: .newQualityScore)
        self.messageTemplateID = try container.decodeLenientString(forKey: .messageTemplateID)
        self.messageTemplateName = try container.decodeIfPresent(String.self, forKey: .messageTemplateName)
        self.messageTemplateLanguage = try container.decodeIfPresent(String.self, forKey: .messageTemplateLanguage)
    }
}
