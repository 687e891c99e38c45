/// A business portfolio's messaging limit: how many unique users it may start conversations with
/// in a moving 24 h, shared by all its numbers.
public enum PortfolioMessagingLimit: Hashable, Sendable {
    case uniqueRecipients(Int)
    case unlimited

    /// From `max_daily_conversations_per_business`: 250 … 100,000, or -1 for unlimited.
    public init?(maxDailyConversations: Int?) {
        guard let maxDailyConversations else { return nil }
        self = maxDailyConversations < 0 ? .unlimited : .uniqueRecipients(maxDailyConversations)
    }

    /// From a tier name (`TIER_250`, `TIER_2K`, `TIER_100K`, `TIER_UNLIMITED`, …), as the phone
    /// number read and `phone_number_quality_update` give it.
    public init?(tier: String?) {
        guard let tier, tier.hasPrefix("TIER_") else { return nil }
        let size = tier.dropFirst("TIER_".count)
        if size == "UNLIMITED" {
            self = .unlimited
            return
        }
        let multiplier: Int
        let digits: Substring
        switch size.last {
        case "K": (multiplier, digits) = (1_000, size.dropLast())
        case "M": (multiplier, digits) = (1_000_000, size.dropLast())
        default: (multiplier, digits) = (1, size)
        }
        guard let count = Int(digits) else { return nil }
        self = .uniqueRecipients(count * multiplier)
    }
}
