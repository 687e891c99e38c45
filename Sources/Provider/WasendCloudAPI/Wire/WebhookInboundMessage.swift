/// A message a user sent to the business. Only the parts Wasend acts on are typed (text, buttons,
/// interactive replies, system notices, errors); other kinds decode with their `type` and id.
public struct WebhookInboundMessage: Codable, Hashable, Sendable {
    public var from: String?
    public var id: String
    /// Unix seconds; Meta sends a string, older payloads a number.
    public var timestamp: String
    /// `text`, `button`, `interactive`, `system`, `image`, `reaction`, `unknown`, …
    public var type: String
    public var context: Context?
    public var text: Text?
    public var button: Button?
    public var interactive: Interactive?
    public var system: System?
    public var errors: [WebhookError]?

    public init(
        from: String?,
        id: String,
        timestamp: String,
        type: String,
        context: Context? = nil,
        text: Text? = nil,
        button: Button? = nil,
        interactive: Interactive? = nil,
        system: System? = nil,
        errors: [WebhookError]? = nil
    ) {
        self.from = from
        self.id = id
        self.timestamp = timestamp
        self.type = type
        self.context = context
        self.text = text
        self.button = button
        self.interactive = interactive
        self.system = system
        self.errors = errors
    }

    enum CodingKeys: String, CodingKey {
        case from, id, timestamp, type, context, text, button, interactive, system, errors
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.from = try container.decodeLenientStringIfPresent(forKey: .from)
        self.id = try container.decode(String.self, forKey: .id)
        self.timestamp = try container.decodeLenientString(forKey: .timestamp)
        self.type = try container.decode(String.self, forKey: .type)
        self.context = try container.decodeIfPresent(Context.self, forKey: .context)
        self.text = try container.decodeIfPresent(Text.self, forKey: .text)
        self.button = try container.decodeIfPresent(Button.self, forKey: .button)
        self.interactive = try container.decodeIfPresent(Interactive.self, forKey: .interactive)
        self.system = try container.decodeIfPresent(System.self, forKey: .system)
        self.errors = try container.decodeIfPresent([WebhookError].self, forKey: .errors)
    }

    /// The business message this one replies to.
    public struct Context: Codable, Hashable, Sendable {
        public var from: String?
        public var id: String?

        public init(from: String? = nil, id: String? = nil) {
            self.from = from
            self.id = id
        }
    }

    public struct Text: Codable, Hashable, Sendable {
        public var body: String

        public init(body: String) {
            self.body = body
        }
    }

    /// A template quick-reply button press.
    public struct Button: Codable, Hashable, Sendable {
        public var payload: String?
        public var text: String?

        public init(payload: String? = nil, text: String? = nil) {
            self.payload = payload
            self.text = text
        }
    }

    public struct Interactive: Codable, Hashable, Sendable {
        /// `button_reply`, `list_reply`, `nfm_reply`, …
        public var type: String?
        public var buttonReply: Reply?
        public var listReply: Reply?

        public init(type: String? = nil, buttonReply: Reply? = nil, listReply: Reply? = nil) {
            self.type = type
            self.buttonReply = buttonReply
            self.listReply = listReply
        }

        enum CodingKeys: String, CodingKey {
            case type
            case buttonReply = "button_reply"
            case listReply = "list_reply"
        }

        public struct Reply: Codable, Hashable, Sendable {
            public var id: String
            public var title: String?
            public var description: String?

            public init(id: String, title: String? = nil, description: String? = nil) {
                self.id = id
                self.title = title
                self.description = description
            }
        }
    }

    /// A notice from WhatsApp itself, such as a user changing number.
    public struct System: Codable, Hashable, Sendable {
        public var body: String?
        /// `user_changed_number`, `customer_identity_changed`, …
        public var type: String?
        public var waID: String?
        public var newWaID: String?
        public var customer: String?

        public init(
            body: String? = nil, type: String? = nil, waID: String? = nil, newWaID: String? = nil,
            customer: String? = nil
        ) {
            self.body = body
            self.type = type
            self.waID = waID
            self.newWaID = newWaID
            self.customer = customer
        }

        enum CodingKeys: String, CodingKey {
            case body, type
            case waID = "wa_id"
            case newWaID = "new_wa_id"
            case customer
        }
    }
}
