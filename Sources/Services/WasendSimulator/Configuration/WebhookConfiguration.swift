/// Where and how the simulator posts its status and inbound-message webhooks.
public struct WebhookConfiguration: Sendable, Hashable {
    /// The receiver, e.g. `http://127.0.0.1:8080/webhooks/whatsapp`; `nil` sends no webhooks at all.
    public var url: String?
    /// The app secret that signs each body in `X-Hub-Signature-256`, as Meta does.
    public var appSecret: String
    /// Most updates in one POST (Meta batches up to 1,000).
    public var batchSize: Int
    /// Most updates waiting at once (scheduled, ready or awaiting a retry). Beyond it new updates are
    /// dropped and counted, so a receiver that is down cannot make the simulator grow without bound.
    public var queueCapacity: Int
    /// Most POSTs in flight at once.
    public var concurrency: Int
    /// A POST not answered 200 is retried after `retryInitialBackoff`, doubling up to
    /// `retryMaximumBackoff`, at most `maximumAttempts` times in all; then it is dropped and counted.
    /// Meta keeps retrying for days; the default, about ten minutes at the maximum backoff, outlasts
    /// a receiver's restart or a Kafka broker's outage, as a test of them needs.
    public var retryInitialBackoff: Duration
    public var retryMaximumBackoff: Duration
    public var maximumAttempts: Int
    /// A POST not answered within this is a failed attempt.
    public var requestTimeout: Duration
    /// The resolution of the delivery schedule: updates due within one tick go out together.
    public var tick: Duration

    public init(
        url: String? = nil,
        appSecret: String = "wasend-sim-app-secret",
        batchSize: Int = 100,
        queueCapacity: Int = 1_000_000,
        concurrency: Int = 8,
        retryInitialBackoff: Duration = .milliseconds(200),
        retryMaximumBackoff: Duration = .seconds(10),
        maximumAttempts: Int = 60,
        requestTimeout: Duration = .seconds(5),
        tick: Duration = .milliseconds(10)
    ) {
        self.url = url
        self.appSecret = appSecret
        self.batchSize = batchSize
        self.queueCapacity = queueCapacity
        self.concurrency = concurrency
        self.retryInitialBackoff = retryInitialBackoff
        self.retryMaximumBackoff = retryMaximumBackoff
        self.maximumAttempts = maximumAttempts
        self.requestTimeout = requestTimeout
        self.tick = tick
    }
}
