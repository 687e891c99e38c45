/// How long to wait before the next attempt of a failed job, following the ``ErrorAdvice``.
///
/// Randomness is injected so that tests (and the simulator) can replay the same delays.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included; the job fails for good after the last.
    public var maximumAttempts: Int
    /// The delay scale of exponential backoff: attempt n waits about `baseDelay · 2^(n−1)`.
    public var baseDelay: Duration
    /// No exponential delay grows beyond this.
    public var maximumDelay: Duration

    public init(maximumAttempts: Int = 8, baseDelay: Duration = .seconds(1), maximumDelay: Duration = .seconds(900)) {
        self.maximumAttempts = maximumAttempts
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
    }

    public enum Decision: Sendable, Hashable {
        case retry(after: Duration)
        /// Keep the job, but only send it once the sender has been fixed and resumed.
        case waitForResume
        case giveUp
    }

    /// The decision after `attempt` (1 for the first try) failed with `advice`.
    ///
    /// - Exponential: `d = min(maximumDelay, baseDelay · 2^(attempt−1))`, then "equal jitter":
    ///   `d/2 + uniform(0 ... d/2)`, and never less than the advice's minimum delay.
    /// - Powers of four (131056, the pair rate): `4^attempt` seconds, plus `uniform(0 ... 4^attempt/4)`
    ///   seconds so that a burst of refused recipients does not come back at the same instant.
    /// - After resume: never gives up on its own; stop-sender errors are not the job's fault.
    /// - A throttle of the app, the portfolio or the number (130429, 80007, 4, …) never gives up
    ///   either: it says how fast we send, not that this job cannot go, and the sender slows down.
    ///   A recipient's pair-rate refusals (131056) do count: after the last, that recipient has
    ///   refused for hours.
    public func decision(
        after attempt: Int, advice: ErrorAdvice, using random: inout some RandomNumberGenerator
    ) -> Decision {
        switch advice.retryTiming {
        case .never:
            return .giveUp
        case .afterResume:
            return .waitForResume
        case .exponential, .powersOfFour:
            guard attempt < maximumAttempts || advice.throttlesTheSender else { return .giveUp }
        }
        let exponent = max(0, attempt - 1)
        let delay: Duration
        if advice.retryTiming == .powersOfFour {
            let seconds = Int64(1) << min(2 * (exponent + 1), 40)
            delay = .seconds(seconds) + Self.jitter(upTo: .seconds(seconds) / 4, using: &random)
        } else {
            let ceiling = min(maximumDelay, baseDelay * (Int64(1) << min(exponent, 40)))
            delay = ceiling / 2 + Self.jitter(upTo: ceiling / 2, using: &random)
        }
        return .retry(after: max(delay, advice.minimumRetryDelay ?? .zero))
    }

    private static func jitter(upTo limit: Duration, using random: inout some RandomNumberGenerator) -> Duration {
        let milliseconds = limit.wholeMilliseconds
        guard milliseconds > 0 else { return .zero }
        return .milliseconds(Int64.random(in: 0...milliseconds, using: &random))
    }
}
