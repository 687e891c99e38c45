/// Messages Meta accepted per second over the last minute, from the counts per 10 s interval that
/// the send ledger keeps as it counts each accepted job once (``CampaignKeys/acceptedPerInterval(_:)``).
/// It is the rate `GET /v1/campaigns/{id}` shows and bases its ETA on. Only whole intervals count,
/// so a rate read just after an interval began is not too low.
public struct SendRate: Sendable, Hashable {
    /// The length of one counted interval.
    public static let interval = Duration.seconds(10)
    /// The intervals averaged over: the last minute.
    public static let intervalsAveraged: Int64 = 6
    /// How long a campaign's counts outlive their last write: longer than the minute averaged.
    public static let countsLifetime = Duration.seconds(180)

    public var perSecond: Double

    public init(perSecond: Double) {
        self.perSecond = perSecond
    }

    /// The rate from accepted counts by interval number (``intervalNumber(of:)``) at `now`.
    public init(acceptedByInterval counts: [Int64: Int64], now: Timestamp) {
        let current = Self.intervalNumber(of: now)
        let first = current - Self.intervalsAveraged
        let accepted = counts.reduce(into: Int64(0)) { sum, entry in
            if entry.key >= first, entry.key < current { sum += entry.value }
        }
        perSecond = Double(accepted) * 1_000 / Double(Self.intervalsAveraged * Self.interval.wholeMilliseconds)
    }

    /// The interval `time` falls in, counted from the Unix epoch.
    public static func intervalNumber(of time: Timestamp) -> Int64 {
        time.millisecondsSinceEpoch / interval.wholeMilliseconds
    }

    /// Whole seconds until `remaining` more messages are sent at this rate; nil while nothing is sent.
    public func secondsToSend(_ remaining: Int64) -> Int64? {
        guard perSecond > 0 else { return nil }
        return Int64((Double(max(0, remaining)) / perSecond).rounded(.up))
    }
}
