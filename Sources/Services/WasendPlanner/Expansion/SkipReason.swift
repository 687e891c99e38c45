import WasendCore

/// Why the planner did not make a job for a recipient. The raw value is the `reason` of the
/// skipped result and the suffix of the `skipped:<reason>` counter.
public enum SkipReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// The phone number could not be normalised to E.164.
    case invalidPhone = "invalid_phone"
    /// The recipient did not agree to receive messages from the business.
    case noOptIn = "no_opt_in"
    /// The recipient is in the portfolio's opt-out set.
    case optedOut = "opted_out"
    /// The number appeared earlier in the same campaign.
    case duplicate
    /// The message references a variable the recipient does not have.
    case missingVariable = "missing_variable"
    /// A rendered field is longer than the Cloud API accepts.
    case valueTooLong = "value_too_long"
    /// A rendered field is empty, which the Cloud API refuses.
    case emptyValue = "empty_value"
    /// A currency amount did not render to a whole number.
    case invalidAmount = "invalid_amount"
    /// The campaign was cancelled before the recipient was planned.
    case cancelled

    init(_ error: RenderError) {
        switch error.problem {
        case .missingVariable: self = .missingVariable
        case .tooLong: self = .valueTooLong
        case .empty: self = .emptyValue
        case .invalidAmount: self = .invalidAmount
        }
    }
}
