/// The value of a `phone_number_quality_update` change: a number's quality or limits moved, for
/// example `THROUGHPUT_UPGRADE` (80 → 1,000 messages/s) or a messaging-tier change.
public struct WebhookPhoneNumberQualityUpdate: Codable, Hashable, Sendable {
    public var displayPhoneNumber: String?
    /// `THROUGHPUT_UPGRADE`, `UPGRADE`, `DOWNGRADE`, `ONBOARDING`, `FLAGGED` (legacy), `UNFLAGGED`, …
    public var event: String
    /// `TIER_250`, `TIER_2K`, `TIER_10K`, `TIER_100K`, `TIER_UNLIMITED`, …
    public var currentLimit: String?
    public var oldLimit: String?
    /// The portfolio's messaging limit in unique users per 24 h; -1 means unlimited.
    public var maxDailyConversationsPerBusiness: Int?

    public init(
        displayPhoneNumber: String? = nil,
        event: String,
        currentLimit: String? = nil,
        oldLimit: String? = nil,
        maxDailyConversationsPerBusiness: Int? = nil
    ) {
        self.displayPhoneNumber = displayPhoneNumber
        self.event = event
        self.currentLimit = currentLimit
        self.oldLimit = oldLimit
        self.maxDailyConversationsPerBusiness = maxDailyConversationsPerBusiness
    }

    enum CodingKeys: String, CodingKey {
        case displayPhoneNumber = "display_phone_number"
        case event
        case currentLimit = "current_limit"
        case oldLimit = "old_limit"
        case maxDailyConversationsPerBusiness = "max_daily_conversations_per_business"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.displayPhoneNumber = try container.decodeLenientStringIfPresent(forKey: .displayPhoneNumber)
        self.event = try container.decode(String.self, forKey: .event)
        self.currentLimit = try container.decodeIfPresent(String.self, forKey: .currentLimit)
        self.oldLimit = try container.decodeIfPresent(String.self, forKey: .oldLimit)
        self.maxDailyConversationsPerBusiness = try container.decodeLenientIntIfPresent(
            forKey: .maxDailyConversationsPerBusiness)
    }
}
