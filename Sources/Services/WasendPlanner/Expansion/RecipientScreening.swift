/// What Redis says of a well-formed, opted-in recipient: the checks that need shared state.
public enum RecipientScreening: Sendable, Hashable {
    case clear
    /// In the portfolio's opt-out set.
    case optedOut
    /// An earlier source position of the campaign named the same number.
    case duplicate
}
