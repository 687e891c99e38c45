public struct SendLedgerConfiguration: Sendable {
    /// How long a reservation protects a job from other senders: longer than one send takes
    /// (the HTTP timeout and retries included), short enough that a dead sender's jobs come back soon.
    public var leaseLength: Duration
    /// How long after an in-doubt reservation (its sender died mid-send) the job may be sent again
    /// if no webhook settled it: long enough for Meta's status webhooks to arrive.
    public var inDoubtResendAfter: Duration
    /// How long an entry stays after its last write, so Redis memory stays bounded. Replays of
    /// jobs older than this are no longer recognised.
    public var entryLifetime: Duration
    /// Redis `TIME` in production; a test's clock in tests.
    public var clock: SendingClock

    public init(
        leaseLength: Duration = .seconds(60),
        inDoubtResendAfter: Duration = .seconds(15 * 60),
        entryLifetime: Duration = .seconds(7 * 24 * 3600),
        clock: SendingClock = .redisServer
    ) {
        self.leaseLength = leaseLength
        self.inDoubtResendAfter = inDoubtResendAfter
        self.entryLifetime = entryLifetime
        self.clock = clock
    }
}
