/// Where the campaign API is and how patiently to talk to it.
public struct CampaignClientConfiguration: Sendable {
    /// `http://host:port`, without a trailing slash.
    public var baseURL: String
    /// A Bearer key of the tenant; never printed.
    public var apiKey: String
    /// Uploads of large parts take a while; the default leaves room for a 100,000-row part.
    public var requestTimeout: Duration
    /// Tries of a request that is safe to repeat (a read, or a write with an idempotency key).
    public var maxAttempts: Int
    /// Waits grow linearly with the attempt: 1×, 2×, 3×…
    public var retryDelay: Duration

    public init(
        baseURL: String = "http://127.0.0.1:8080", apiKey: String, requestTimeout: Duration = .seconds(300),
        maxAttempts: Int = 5, retryDelay: Duration = .milliseconds(500)
    ) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.apiKey = apiKey
        self.requestTimeout = requestTimeout
        self.maxAttempts = maxAttempts
        self.retryDelay = retryDelay
    }
}
