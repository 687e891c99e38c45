import WasendCore

/// The limiter's answer for one job.
public enum Admission: Sendable, Hashable {
    /// Every limit allowed the job and its share was taken. Send it at `sendAt` (now or a few
    /// hundred milliseconds ahead): the number's slots are spaced by its rate, so sending earlier
    /// would exceed it.
    case admitted(sendAt: Timestamp)
    /// A limit holds: run the job again at `notBefore`. Nothing was taken from any limit.
    case deferred(limit: SendLimit, notBefore: Timestamp)
    /// The number is stopped (``NumberControls/stop(portfolioID:phoneNumberID:reason:)``): nothing was taken.
    case stopped(reason: String)
}
