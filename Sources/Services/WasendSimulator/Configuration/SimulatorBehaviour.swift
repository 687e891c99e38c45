import WasendCore

/// How the simulated Cloud API behaves: its limits, its faults and the timing of its webhooks.
///
/// It can be replaced while the simulator runs (`POST /_sim/config` merges the posted JSON keys
/// into the current values), so that one test or demo can move a number from healthy to throttled
/// to failing without a restart. Durations travel in JSON as milliseconds (`latency_ms`).
public struct SimulatorBehaviour: Sendable, Hashable {
    /// Throughput of numbers that do not set their own (Meta's default is 80 messages/s).
    public var defaultMessagesPerSecond: Double
    /// How many sends a number may make at once before 130429; `nil` is one second's worth, as
    /// ``GCRA/throughput(messagesPerSecond:burst:)`` has it.
    public var throughputBurst: Int?
    /// The pair limit: one message per `pairInterval` from one number to one user, with bursts
    /// up to `pairBurst` borrowed from later; beyond it 131056.
    public var pairInterval: Duration
    public var pairBurst: Int
    /// Unique recipients each business portfolio may reach in a moving 24 h; beyond it 131048,
    /// as seen in practice. In JSON, Meta's number (`250`, `2000`, …, `-1` for unlimited).
    public var messagingTier: MessagingTier
    /// Recipients whose sends are accepted, then `sent`, then `failed` with 131026 by webhook.
    public var undeliverableRecipients: Set<String>
    /// Recipients who answer their first delivered message with an inbound "STOP".
    public var stopRecipients: Set<String>
    /// Fractions (0…1) of sends that fail transiently: HTTP 500 with code 131000, a bare HTTP 503,
    /// or a connection dropped without an answer.
    public var transientErrorFraction: Double
    public var serverErrorFraction: Double
    public var connectionResetFraction: Double
    /// Fraction of accepted sends whose answer is lost: the message is taken (counted, its
    /// webhooks follow) but the connection drops before the answer, so the client cannot know.
    public var lostAnswerFraction: Double
    /// Added before every send's answer: `latency` plus a uniform random part up to `latencyJitter`.
    public var latency: Duration
    public var latencyJitter: Duration
    /// Delay after acceptance before `sent`, then before `delivered` (or `failed`), then before `read`;
    /// each varies by ±50 % so that webhooks interleave as they do in practice.
    public var sentDelay: Duration
    public var deliveredDelay: Duration
    public var readDelay: Duration
    /// Fraction of delivered messages that are then read.
    public var readFraction: Double
    /// Fraction of status updates that are posted a second time in a later batch.
    public var duplicateFraction: Double
    /// Whether the updates inside one webhook POST are shuffled.
    public var shuffleBatches: Bool

    public init(
        defaultMessagesPerSecond: Double = 80,
        throughputBurst: Int? = nil,
        pairInterval: Duration = .microseconds(GCRA.pairRate.emissionIntervalMicroseconds),
        pairBurst: Int = GCRA.pairRate.burst,
        messagingTier: MessagingTier = .tier100K,
        undeliverableRecipients: Set<String> = [],
        stopRecipients: Set<String> = [],
        transientErrorFraction: Double = 0,
        serverErrorFraction: Double = 0,
        connectionResetFraction: Double = 0,
        lostAnswerFraction: Double = 0,
        latency: Duration = .zero,
        latencyJitter: Duration = .zero,
        sentDelay: Duration = .milliseconds(100),
        deliveredDelay: Duration = .milliseconds(400),
        readDelay: Duration = .milliseconds(1500),
        readFraction: Double = 0.6,
        duplicateFraction: Double = 0.02,
        shuffleBatches: Bool = true
    ) {
        self.defaultMessagesPerSecond = defaultMessagesPerSecond
        self.throughputBurst = throughputBurst
        self.pairInterval = pairInterval
        self.pairBurst = pairBurst
        self.messagingTier = messagingTier
        self.undeliverableRecipients = undeliverableRecipients
        self.stopRecipients = stopRecipients
        self.transientErrorFraction = transientErrorFraction
        self.serverErrorFraction = serverErrorFraction
        self.connectionResetFraction = connectionResetFraction
        self.lostAnswerFraction = lostAnswerFraction
        self.latency = latency
        self.latencyJitter = latencyJitter
        self.sentDelay = sentDelay
        self.deliveredDelay = deliveredDelay
        self.readDelay = readDelay
        self.readFraction = readFraction
        self.duplicateFraction = duplicateFraction
        self.shuffleBatches = shuffleBatches
    }
}

extension SimulatorBehaviour: Codable {
    enum CodingKeys: String, CodingKey {
        case defaultMessagesPerSecond = "default_messages_per_second"
        case throughputBurst = "throughput_burst"
        case pairInterval = "pair_interval_ms"
        case pairBurst = "pair_burst"
        case messagingTier = "messaging_tier"
        case undeliverableRecipients = "undeliverable_recipients"
        case stopRecipients = "stop_recipients"
        case transientErrorFraction = "transient_error_fraction"
        case serverErrorFraction = "server_error_fraction"
        case connectionResetFraction = "connection_reset_fraction"
        case lostAnswerFraction = "lost_answer_fraction"
        case latency = "latency_ms"
        case latencyJitter = "latency_jitter_ms"
        case sentDelay = "sent_delay_ms"
        case deliveredDelay = "delivered_delay_ms"
        case readDelay = "read_delay_ms"
        case readFraction = "read_fraction"
        case duplicateFraction = "duplicate_fraction"
        case shuffleBatches = "shuffle_batches"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func milliseconds(_ key: CodingKeys) throws -> Duration {
            let value = try container.decode(Double.self, forKey: key)
            guard value >= 0, value.isFinite else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "must be a finite number of milliseconds ≥ 0")
            }
            return .milliseconds(value)
        }
        func fraction(_ key: CodingKeys) throws -> Double {
            let value = try container.decode(Double.self, forKey: key)
            guard (0...1).contains(value) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "must be between 0 and 1")
            }
            return value
        }
        func positive<Number: Decodable & Comparable & ExpressibleByIntegerLiteral>(_ key: CodingKeys) throws -> Number {
            let value = try container.decode(Number.self, forKey: key)
            guard value > 0 else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "must be positive")
            }
            return value
        }
        self.init(
            defaultMessagesPerSecond: try positive(.defaultMessagesPerSecond),
            throughputBurst: try container.decodeNil(forKey: .throughputBurst) ? nil : positive(.throughputBurst),
            pairInterval: try milliseconds(.pairInterval),
            pairBurst: try positive(.pairBurst),
            messagingTier: try container.decode(MessagingTier.self, forKey: .messagingTier),
            undeliverableRecipients: try container.decode(Set<String>.self, forKey: .undeliverableRecipients),
            stopRecipients: try container.decode(Set<String>.self, forKey: .stopRecipients),
            transientErrorFraction: try fraction(.transientErrorFraction),
            serverErrorFraction: try fraction(.serverErrorFraction),
            connectionResetFraction: try fraction(.connectionResetFraction),
            lostAnswerFraction: try fraction(.lostAnswerFraction),
            latency: try milliseconds(.latency),
            latencyJitter: try milliseconds(.latencyJitter),
            sentDelay: try milliseconds(.sentDelay),
            deliveredDelay: try milliseconds(.deliveredDelay),
            readDelay: try milliseconds(.readDelay),
            readFraction: try fraction(.readFraction),
            duplicateFraction: try fraction(.duplicateFraction),
            shuffleBatches: try container.decode(Bool.self, forKey: .shuffleBatches)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.defaultMessagesPerSecond, forKey: .defaultMessagesPerSecond)
        // Encoded even when nil, so that a merged update can go back to the default with `null`.
        try container.encode(self.throughputBurst, forKey: .throughputBurst)
        try container.encode(self.pairInterval.milliseconds, forKey: .pairInterval)
        try container.encode(self.pairBurst, forKey: .pairBurst)
        try container.encode(self.messagingTier, forKey: .messagingTier)
        try container.encode(self.undeliverableRecipients.sorted(), forKey: .undeliverableRecipients)
        try container.encode(self.stopRecipients.sorted(), forKey: .stopRecipients)
        try container.encode(self.transientErrorFraction, forKey: .transientErrorFraction)
        try container.encode(self.serverErrorFraction, forKey: .serverErrorFraction)
        try container.encode(self.connectionResetFraction, forKey: .connectionResetFraction)
        try container.encode(self.lostAnswerFraction, forKey: .lostAnswerFraction)
        try container.encode(self.latency.milliseconds, forKey: .latency)
        try container.encode(self.latencyJitter.milliseconds, forKey: .latencyJitter)
        try container.encode(self.sentDelay.milliseconds, forKey: .sentDelay)
        try container.encode(self.deliveredDelay.milliseconds, forKey: .deliveredDelay)
        try container.encode(self.readDelay.milliseconds, forKey: .readDelay)
        try container.encode(self.readFraction, forKey: .readFraction)
        try container.encode(self.duplicateFraction, forKey: .duplicateFraction)
        try container.encode(self.shuffleBatches, forKey: .shuffleBatches)
    }
}

extension Duration {
    /// The duration in (fractional) milliseconds, as the admin API's JSON carries it.
    var milliseconds: Double {
        let (seconds, attoseconds) = self.components
        return Double(seconds) * 1_000 + Double(attoseconds) / 1e15
    }

    /// The duration in whole nanoseconds, the simulator's unit of time.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = self.components
        return seconds &* 1_000_000_000 &+ attoseconds / 1_000_000_000
    }
}
