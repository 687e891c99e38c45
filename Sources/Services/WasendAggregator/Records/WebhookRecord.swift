import WasendCore

/// A value of `wasend.webhooks`: one verified webhook body as Meta sent it, and when the API
/// received it. Schema: `schemas/wasend.webhooks.schema.json`.
public struct WebhookRecord: Sendable, Hashable, Codable {
    public var receivedAt: Timestamp
    /// The raw body (UTF-8 JSON text), parsed here, not by the API.
    public var body: String

    public init(receivedAt: Timestamp, body: String) {
        self.receivedAt = receivedAt
        self.body = body
    }

    private enum CodingKeys: String, CodingKey {
        case receivedAt = "received_at"
        case body
    }
}
