import WasendTenants

/// How `wasend api` receives Meta's webhooks. Meta authenticates itself by signing each body with the
/// app secret, so the route takes no API key; without an app secret and a verify token the route
/// answers 503 (`webhooks_not_configured`) instead of accepting anything unsigned.
public struct WebhookReceiverConfiguration: Sendable {
    /// The path registered as the callback URL in Meta's app dashboard.
    public var path: String
    /// Keys the `X-Hub-Signature-256` HMAC of every POST.
    public var appSecret: Secret?
    /// What the GET verification handshake must present as `hub.verify_token`.
    public var verifyToken: Secret?
    /// Largest body accepted; Meta's batches reach about 3 MB. Larger ones answer 413.
    public var maxBodyBytes: Int
    /// How long a webhook may wait for Kafka to acknowledge it (the webhook producer's delivery
    /// timeout). Past it the POST answers 503 and Meta retries: well within Meta's own patience,
    /// so a Kafka outage costs retries, never webhooks.
    public var publishTimeout: Duration

    public init(
        path: String = "webhooks/meta",
        appSecret: Secret? = nil,
        verifyToken: Secret? = nil,
        maxBodyBytes: Int = 4 << 20,
        publishTimeout: Duration = .seconds(5)
    ) {
        self.path = path
        self.appSecret = appSecret
        self.verifyToken = verifyToken
        self.maxBodyBytes = maxBodyBytes
        self.publishTimeout = publishTimeout
    }
}
