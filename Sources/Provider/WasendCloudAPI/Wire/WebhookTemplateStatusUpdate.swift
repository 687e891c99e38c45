/// The value of a `message_template_status_update` change: a template was approved, rejected,
/// paused, disabled, or flagged for disabling.
public struct WebhookTemplateStatusUpdate: Codable, Hashable, Sendable {
    /// `APPROVED`, `REJECTED`, `PAUSED`, `DISABLED`, `FLAGGED`, `PENDING_DELETION`, …
    public var event: String
    public var messageTemplateID: String
    public var messageTemplateName: String?
    public var messageTemplateLanguage: String?
    public var messageTemplateCategory: String?
    /// `NONE`, `INVALID_FORMAT`, …; may be `null`.
    public var reason: String?
    public var rejectionInfo: RejectionInfo?
    public var disableInfo: DisableInfo?

    public init(
        event: String,
        messageTemplateID: String,
        messageTemplateName: String? = nil,
        messageTemplateLanguage: String? = nil,
        messageTemplateCategory: String? = nil,
        reason: String? = nil,
        rejectionInfo: RejectionInfo? = nil,
        disableInfo: DisableInfo? = nil
    ) {
        self.event = event
        self.messageTemplateID = messageTemplateID
        self.messageTemplateName = messageTemplateName
        self.messageTemplateLanguage = messageTemplateLanguage
        self.messageTemplateCategory = messageTemplateCategory
        self.reason = reason
        self.rejectionInfo = rejectionInfo
        self.disableInfo = disableInfo
    }

    enum CodingKeys: String, CodingKey {
        case event
        case messageTemplateID = "message_template_id"
        case messageTemplateName = "message_template_name"
        case messageTemplateLanguage = "message_template_language"
        case messageTemplateCategory = "message_template_category"
        case reason
        case rejectionInfo = "rejection_info"
        case disableInfo = "disable_info"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.event = try container.decode(String.self, forKey: .event)
        self.messageTemplateID = try container.decodeLenientString(forKey: .messageTemplateID)
        self.messageTemplateName = try container.decodeIfPresent(String.self, forKey: .messageTemplateName)
        self.messageTemplateLanguage = try container.decodeIfPresent(String.self, forKey: .messageTemplateLanguage)
        self.messageTemplateCategory = try container.decodeIfPresent(String.self, forKey: .messageTemplateCategory)
        self.reason = try container.decodeIfPresent(String.self, forKey: .reason)
        self.rejectionInfo = try container.decodeIfPresent(RejectionInfo.self, forKey: .rejectionInfo)
        self.disableInfo = try container.decodeIfPresent(DisableInfo.self, forKey: .disableInfo)
    }

    public struct RejectionInfo: Codable, Hashable, Sendable {
        public var reason: String?
        public var recommendation: String?

        public init(reason: String? = nil, recommendation: String? = nil) {
            self.reason = reason
            self.recommendation = recommendation
        }
    }

    public struct DisableInfo: Codable, Hashable, Sendable {
        public var disableDate: String?

        public init(disableDate: String? = nil) {
            self.disableDate = disableDate
        }

        enum CodingKeys: String, CodingKey {
            case disableDate = "disable_date"
        }
    }
}
