/// The JSON body of a webhook POST, key for key.
///
/// One POST may batch up to 1,000 updates across entries, changes and statuses. The simulator
/// encodes it, the receiver decodes it; `WebhookEventParser` flattens it into domain events.
public struct WebhookPayload: Codable, Hashable, Sendable {
    /// `whatsapp_business_account`.
    public var object: String
    public var entry: [Entry]

    public init(object: String = "whatsapp_business_account", entry: [Entry]) {
        self.object = object
        self.entry = entry
    }

    /// The changes of one WhatsApp Business Account.
    public struct Entry: Codable, Hashable, Sendable {
        /// The WABA id.
        public var id: String
        public var time: Int64?
        public var changes: [Change]

        public init(id: String, time: Int64? = nil, changes: [Change]) {
            self.id = id
            self.time = time
            self.changes = changes
        }

        enum CodingKeys: String, CodingKey {
            case id, time, changes
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.id = try container.decodeLenientString(forKey: .id)
            self.time = try container.decodeLenientIntIfPresent(forKey: .time).map(Int64.init)
            self.changes = try container.decode([Change].self, forKey: .changes)
        }
    }

    /// One change; the shape of `value` depends on `field`.
    public struct Change: Codable, Hashable, Sendable {
        public var value: WebhookChangeValue

        /// The subscription field, derived from the value so the two can never disagree.
        public var field: String { value.field }

        public init(value: WebhookChangeValue) {
            self.value = value
        }

        enum CodingKeys: String, CodingKey {
            case field, value
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let field = try container.decode(String.self, forKey: .field)
            self.value = try WebhookChangeValue(field: field, from: container, forKey: .value)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(field, forKey: .field)
            try value.encode(into: &container, forKey: .value)
        }
    }
}
