import WasendCore

public struct SendLimiterConfiguration: Sendable {
    /// How far beyond the lead a number's send slots are handed out. One call admits up to
    /// `horizon × rate` jobs of a number; jobs beyond it are deferred to when their slot comes in range.
    public var admissionHorizon: Duration
    /// How far ahead of now the earliest slot is, at least. A job admitted now still needs the
    /// ledger's reservation (a round trip) before its send can start; a slot this far ahead lets
    /// it start on time, since a send that starts late next to sends on time could put a second at
    /// Meta over the rate (the sender admits a job again rather than send it that late). The
    /// sender asks for more when its admissions are slow (twice what they took lately); a longer
    /// floor only keeps more reserved jobs waiting: 100 ms held one sender to about 9,000
    /// messages/s where 20 ms gave about 12,000.
    public var admissionLead: Duration
    /// The (number, recipient) limit: one message per 6 s without borrowing by default;
    /// ``GCRA/pairRate`` allows Meta's bursts of 45.
    public var pairRate: GCRA
    /// The length of the moving unique-recipient window (24 h; shorter in tests).
    public var tierWindow: Duration
    /// The share of a number's messages per second the slots are spaced for, whether the rate is
    /// configured or Meta's (raised by a webhook after an upgrade). The limiter spaces sends exactly;
    /// the rest absorbs the jitter between a send's slot and the moment Meta counts it (a late send
    /// next to an on-time one), so no second at Meta ever holds more than the rate.
    public var throughputHeadroom: Double
    /// How the throttle factor recovers; must match ``NumberControls``'.
    public var throttleBackoff: ThrottleBackoff
    /// Redis `TIME` in production; a test's clock in tests.
    public var clock: SendingClock

    public init(
        admissionHorizon: Duration = .seconds(1),
        admissionLead: Duration = .milliseconds(20),
        pairRate: GCRA = GCRA(emissionInterval: .seconds(6), burst: 1),
        tierWindow: Duration = UniqueRecipientWindow.length,
        throughputHeadroom: Double = 0.95,
        throttleBackoff: ThrottleBackoff = ThrottleBackoff(),
        clock: SendingClock = .redisServer
    ) {
        self.admissionHorizon = admissionHorizon
        self.admissionLead = admissionLead
        self.pairRate = pairRate
        self.tierWindow = tierWindow
        self.throughputHeadroom = throughputHeadroom
        self.throttleBackoff = throttleBackoff
        self.clock = clock
    }
}
