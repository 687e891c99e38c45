import WasendCore

/// A number's limits as configured (the tenant directory); Redis overrides set from Meta's
/// webhooks win over them (see ``NumberControls``).
public struct NumberLimits: Sendable, Hashable {
    /// Messages per second Meta allows the number.
    public var messagesPerSecond: Int
    /// The 24 h messaging tier of the number's portfolio.
    public var tier: MessagingTier

    public init(messagesPerSecond: Int = 80, tier: MessagingTier = .tier250) {
        self.messagesPerSecond = messagesPerSecond
        self.tier = tier
    }
}
