/// One line of `wasend doctor`: what was checked and how it went.
public struct DoctorCheck: Sendable, Hashable, CustomStringConvertible {
    public enum Outcome: String, Sendable, Hashable {
        case ok = "ok"
        /// Works, but something deserves attention (low quality, few templates approved).
        case warning = "warn"
        case failed = "FAIL"
    }

    public var subject: String
    public var outcome: Outcome
    /// Facts when it passed; the reason, worded as the fix, when it did not.
    public var detail: String

    public init(_ subject: String, _ outcome: Outcome, _ detail: String) {
        self.subject = subject
        self.outcome = outcome
        self.detail = detail
    }

    public var description: String { "[\(outcome.rawValue)] \(subject): \(detail)" }
}
