/// Meta's business-initiated messaging limit: unique recipients per moving 24 hours per portfolio.
public enum MessagingTier: String, Sendable, Codable, CaseIterable {
    case tier250 = "TIER_250"
    case tier1K = "TIER_1K"
    case tier10K = "TIER_10K"
    case tier100K = "TIER_100K"
    case unlimited = "TIER_UNLIMITED"

    /// `nil` when unlimited.
    public var uniqueRecipientsPer24Hours: Int? {
        switch self {
        case .tier250: 250
        case .tier1K: 1_000
        case .tier10K: 10_000
        case .tier100K: 100_000
        case .unlimited: nil
        }
    }
}
