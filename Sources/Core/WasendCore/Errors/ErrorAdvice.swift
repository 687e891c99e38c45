/// What to do about one provider error: its class, how far its effect reaches, and when (if ever)
/// to try again.
public struct ErrorAdvice: Sendable, Hashable {
    /// How far an error reaches: what the sender should slow down, stop or give up on.
    public enum Scope: String, Sendable, Hashable, Codable, CaseIterable {
        /// Only this message.
        case message
        /// This recipient (pair rate, opt-out, per-user marketing limit, undeliverable number).
        case recipient
        /// The campaign's template (paused, disabled, or its parameters don't match).
        case template
        /// The sending number (throughput, blocked, not registered).
        case phoneNumber = "phone_number"
        /// The business portfolio (messaging tier, billing).
        case portfolio
        /// The whole app (token, permissions, Graph call limits).
        case app
    }

    /// When to try the message again.
    public enum RetryTiming: Sendable, Hashable {
        /// Never: the failure is final.
        case never
        /// Exponential backoff with jitter (see ``RetryPolicy``), not before ``ErrorAdvice/minimumRetryDelay``.
        case exponential
        /// Meta's advice for the pair rate (131056): wait 4^n seconds before attempt n + 1.
        case powersOfFour
        /// Only after a person fixes the sender and resumes it; the job must be kept, not burned.
        case afterResume
    }

    public var errorClass: ErrorClass
    public var scope: Scope
    /// The recipient asked to receive no more marketing (131050): record the opt-out.
    public var optsOut: Bool
    public var retryTiming: RetryTiming
    /// The least time before anything in ``scope`` is tried again, where Meta's documentation gives
    /// one (e.g. 24 h before marketing reaches a recipient who hit the per-user limit, 131049).
    public var minimumRetryDelay: Duration?

    public init(
        errorClass: ErrorClass, scope: Scope, optsOut: Bool = false, retryTiming: RetryTiming,
        minimumRetryDelay: Duration? = nil
    ) {
        self.errorClass = errorClass
        self.scope = scope
        self.optsOut = optsOut
        self.retryTiming = retryTiming
        self.minimumRetryDelay = minimumRetryDelay
    }

    /// Whether the same job may be sent again at all (possibly only after a resume).
    public var retryable: Bool { retryTiming != .never }

    /// A throttle of how fast we send (the app, the portfolio, the number), rather than of one
    /// recipient: the job waits it out whatever its attempts (``RetryPolicy``).
    public var throttlesTheSender: Bool { errorClass == .throttled && scope != .recipient }
}
