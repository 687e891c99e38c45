/// The value of a `messages` change: delivery statuses of sent messages, inbound messages, and
/// errors not tied to any message.
public struct WebhookMessagesValue: Codable, Hashable, Sendable {
    public var messagingProduct: String?
    public var metadata: WebhookMetadata?
    public var contacts: [WebhookContact]?
    public var messages: [WebhookInboundMessage]?
    public var statuses: [WebhookStatus]?
    /// Errors with no message id (for example 130429 reported asynchronously).
    public var errors: [WebhookError]?

    public init(
        messagingProduct: String? = "whatsapp",
        metadata: WebhookMetadata? = nil,
        contacts: [WebhookContact]? = nil,
        messages: [WebhookInboundMessage]? = nil,
        statuses: [WebhookStatus]? = nil,
        errors: [WebhookError]? = nil
    ) {
        self.messagingProduct = messagingProduct
        self.metadata = metadata
        self.contacts = contacts
        self.messages = messages
        self.statuses = statuses
        self.errors = errors
    }

    enum CodingKeys: String, CodingKey {
        case messagingProduct = "messaging_product"
        case metadata, contacts, messages, statuses, errors
    }
}
