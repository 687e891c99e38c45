/// The value of a `user_preferences` change: users stopping or resuming marketing messages.
public struct WebhookUserPreferencesValue: Codable, Hashable, Sendable {
    public var messagingProduct: String?
    public var metadata: WebhookMetadata?
    public var contacts: [WebhookContact]?
    public var userPreferences: [Preference]

    public init(
        messagingProduct: String? = "whatsapp",
        metadata: WebhookMetadata? = nil,
        contacts: [WebhookContact]? = nil,
        userPreferences: [Preference]
    ) {
        self.messagingProduct = messagingProduct
        self.metadata = metadata
        self.contacts = contacts
        self.userPreferences = userPreferences
    }

    enum CodingKeys: String, CodingKey {
        case messagingProduct = "messaging_product"
        case metadata, contacts
        case userPreferences = "user_preferences"
    }

    public struct Preference: Codable, Hashable, Sendable {
        public var waID: String?
        public var userID: String?
        public var detail: String?
        /// `marketing_messages`.
        public var category: String
        /// `stop` or `resume`.
        public var value: String
        public var timestamp: String

        public init(
            waID: String? = nil, userID: String? = nil, detail: String? = nil, category: String, value: String,
            timestamp: String
        ) {
            self.waID = waID
            self.userID = userID
            self.detail = detail
            self.category = category
            self.value = value
            self.timestamp = timestamp
        }

        enum CodingKeys: String, CodingKey {
            case waID = "wa_id"
            case userID = "user_id"
            case detail, category, value, timestamp
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.waID = try container.decodeLenientStringIfPresent(forKey: .waID)
            self.userID = try container.decodeIfPresent(String.self, forKey: .userID)
            self.detail = try container.decodeIfPresent(String.self, forKey: .detail)
            self.category = try container.decode(String.self, forKey: .category)
            self.value = try container.decode(String.self, forKey: .value)
            self.timestamp = try container.decodeLenientString(forKey: .timestamp)
        }
    }
}
