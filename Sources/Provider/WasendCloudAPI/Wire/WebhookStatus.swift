/// One delivery status of a message the business sent.
///
/// `status` stays a string on the wire (`sent`, `delivered`, `read`, `played`, `failed`, `deleted`,
/// and whatever Meta adds); the parser maps it to a domain status or reports it raw.
public struct WebhookStatus: Codable, Hashable, Sendable {
    /// The wamid returned by the send.
    public var id: String
    public var status: String
    /// Unix seconds, as Meta sends it (a string).
    public var timestamp: String
    public var recipientID: String?
    /// Business-scoped user id; newer payloads may carry only this.
    public var recipientUserID: String?
    public var parentRecipientUserID: String?
    public var recipientType: String?
    /// What the send put in `biz_opaque_callback_data`: the job id.
    public var bizOpaqueCallbackData: String?
    /// Omitted since v24.
    public var conversation: Conversation?
    public var pricing: Pricing?
    public var errors: [WebhookError]?

    public init(
        id: String,
        status: String,
        timestamp: String,
        recipientID: String? = nil,
        recipientUserID: String? = nil,
        parentRecipientUserID: String? = nil,
        recipientType: String? = nil,
        bizOpaqueCallbackData: String? = nil,
        conversation: Conversation? = nil,
        pricing: Pricing? = nil,
        errors: [WebhookError]? = nil
    ) {
        self.id = id
        self.status = status
        self.timestamp = timestamp
        self.recipientID = recipientID
        self.recipientUserID = recipientUserID
        self.parentRecipientUserID = parentRecipientUserID
        self.recipientType = recipientType
        self.bizOpaqueCallbackData = bizOpaqueCallbackData
        self.conversation = conversation
        self.pricing = pricing
        self.errors = errors
    }

    enum CodingKeys: String, CodingKey {
        case id, status, timestamp
        case recipientID = "recipient_id"
        case recipientUserID = "recipient_user_id"
        case parentRecipientUserID = "parent_recipient_user_id"
        case recipientType = "recipient_type"
        case bizOpaqueCallbackData = "biz_opaque_callback_data"
        case conversation, pricing, errors
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try container.decode(String.self, forKey: .id)
        self.status = try container.decode(String.self, forKey: .status)
        self.timestamp = try container.decodeLenientString(forKey: .timestamp)
        self.recipientID = try container.decodeLenientStringIfPresent(forKey: .recipientID)
        self.recipientUserID = try container.decodeIfPresent(String.self, forKey: .recipientUserID)
        self.parentRecipientUserID = try container.decodeIfPresent(String.self, forKey: .parentRecipientUserID)
        self.recipientType = try container.decodeIfPresent(String.self, forKey: .recipientType)
        self.bizOpaqueCallbackData = try container.decodeIfPresent(String.self, forKey: .bizOpaqueCallbackData)
        self.conversation = try container.decodeIfPresent(Conversation.self, forKey: .conversation)
        self.pricing = try container.decodeIfPresent(Pricing.self, forKey: .pricing)
        self.errors = try container.decodeIfPresent([WebhookError].self, forKey: .errors)
    }

    public struct Pricing: Codable, Hashable, Sendable {
        public var billable: Bool?
        /// `CBP` (per conversation, legacy) or `PMP` (per message, since July 2025).
        public var pricingModel: String?
        /// `regular`, `free_customer_service`, … (PMP only).
        public var type: String?
        /// `marketing`, `utility`, `authentication`, `service`, …
        public var category: String?

        public init(billable: Bool? = nil, pricingModel: String? = nil, type: String? = nil, category: String? = nil) {
            self.billable = billable
            self.pricingModel = pricingModel
            self.type = type
            self.category = category
        }

        enum CodingKeys: String, CodingKey {
            case billable
            case pricingModel = "pricing_model"
            case type, category
        }
    }

    public struct Conversation: Codable, Hashable, Sendable {
        public var id: String?
        public var expirationTimestamp: String?
        public var origin: Origin?

        public init(id: String? = nil, expirationTimestamp: String? = nil, origin: Origin? = nil) {
            self.id = id
            self.expirationTimestamp = expirationTimestamp
            self.origin = origin
        }

        enum CodingKeys: String, CodingKey {
            case id
            case expirationTimestamp = "expiration_timestamp"
            case origin
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.id = try container.decodeIfPresent(String.self, forKey: .id)
            self.expirationTimestamp = try container.decodeLenientStringIfPresent(forKey: .expirationTimestamp)
            self.origin = try container.decodeIfPresent(Origin.self, forKey: .origin)
        }

        public struct Origin: Codable, Hashable, Sendable {
            public var type: String?

            public init(type: String? = nil) {
                self.type = type
            }
        }
    }
}
