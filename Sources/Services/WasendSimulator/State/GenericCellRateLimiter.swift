/// The generic cell rate algorithm for one key: a send is allowed when it would not put the
/// theoretical arrival time more than `burst` intervals ahead of now.
struct GenericCellRateLimiter: Sendable, Hashable {
    private var theoreticalArrival: Int64 = .min

    /// The limiter after one more send at `now`, or `nil` when that send is over the limit.
    func admitting(at now: Int64, interval: Int64, burst: Int) -> GenericCellRateLimiter? {
        let next = max(theoreticalArrival, now) &+ interval
        guard next &- now <= interval &* Int64(max(1, burst)) else { return nil }
        var limiter = self
        limiter.theoreticalArrival = next
        return limiter
    }

    /// An idle limiter allows as much as a fresh one, so it need not be kept.
    func isIdle(at now: Int64) -> Bool {
        theoreticalArrival <= now
    }
}
