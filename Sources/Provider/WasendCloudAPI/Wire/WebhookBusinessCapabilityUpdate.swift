/// The value of a `business_capability_update` change: the portfolio's messaging tier changed.
public struct WebhookBusinessCapabilityUpdate: Codable, Hashable, Sendable {
    /// Unique users per moving 24 h: 250, 2,000, 10,000, 100,000, or -1 for unlimited.
    public var maxDailyConversationsPerBusiness: Int?
    /// The legacy per-number form of the same limit.
    public var maxDailyConversationPerPhone: Int?
    public var maxPhoneNumbersPerBusiness: Int?
    public var maxPhoneNumbersPerWABA: Int?

    public init(
        maxDailyConversationsPerBusiness: Int? = nil,
        maxDailyConversationPerPhone: Int? = nil,
        maxPhoneNumbersPerBusiness: Int? = nil,
        maxPhoneNumbersPerWABA: Int? = nil
    ) {
        self.maxDailyConversationsPerBusiness = maxDailyConversationsPerBusiness
        self.maxDailyConversationPerPhone = maxDailyConversationPerPhone
        self.maxPhoneNumbersPerBusiness = maxPhoneNumbersPerBusiness
        self.maxPhoneNumbersPerWABA = maxPhoneNumbersPerWABA
    }

    enum CodingKeys: String, CodingKey {
        case maxDailyConversationsPerBusiness = "max_daily_conversations_per_business"
        case maxDailyConversationPerPhone = "max_daily_conversation_per_phone"
        case maxPhoneNumbersPerBusiness = "max_phone_numbers_per_business"
        case maxPhoneNumbersPerWABA = "max_phone_numbers_per_waba"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.maxDailyConversationsPerBusiness = try container.decodeLenientIntIfPresent(
            forKey: .maxDailyConversationsPerBusiness)
        self.maxDailyConversationPerPhone = try container.decodeLenientIntIfPresent(
            forKey: .maxDailyConversationPerPhone)
        self.maxPhoneNumbersPerBusiness = try container.decodeLenientIntIfPresent(forKey: .maxPhoneNumbersPerBusiness)
        self.maxPhoneNumbersPerWABA = try container.decodeLenientIntIfPresent(forKey: .maxPhoneNumbersPerWABA)
    }
}
