/// The HTTP 200 body of a send: Meta took the message. Acceptance is not delivery; delivery only
/// comes by webhook.
public struct CloudAPISendResponse: Codable, Hashable, Sendable {
    public var messagingProduct: String?
    public var contacts: [Contact]?
    public var messages: [Message]

    public init(messagingProduct: String? = "whatsapp", contacts: [Contact]? = nil, messages: [Message]) {
        self.messagingProduct = messagingProduct
        self.contacts = contacts
        self.messages = messages
    }

    enum CodingKeys: String, CodingKey {
        case messagingProduct = "messaging_product"
        case contacts, messages
    }

    public struct Contact: Codable, Hashable, Sendable {
        /// The `to` the request carried.
        public var input: String
        /// The recipient's WhatsApp id (normalised number).
        public var waID: String?

        public init(input: String, waID: String? = nil) {
            self.input = input
            self.waID = waID
        }

        enum CodingKeys: String, CodingKey {
            case input
            case waID = "wa_id"
        }
    }

    public struct Message: Codable, Hashable, Sendable {
        /// The wamid every status webhook of this message will carry.
        public var id: String
        /// `accepted`, `held_for_quality_assessment` or `paused`; absent in older responses.
        public var messageStatus: String?

        public init(id: String, messageStatus: String? = nil) {
            self.id = id
            self.messageStatus = messageStatus
        }

        enum CodingKeys: String, CodingKey {
            case id
            case messageStatus = "message_status"
        }
    }
}
