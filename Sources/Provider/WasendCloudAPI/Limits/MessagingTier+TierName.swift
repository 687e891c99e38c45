import WasendCore

extension MessagingTier {
    /// From a tier name as the phone number read (`whatsapp_business_manager_messaging_limit`) and
    /// `phone_number_quality_update` give it: `TIER_250`, `TIER_2K`, `TIER_10K`, `TIER_100K`,
    /// `TIER_UNLIMITED`. Legacy names between Meta's steps (`TIER_1K`) round down like any other
    /// value; unknown names give `nil`.
    public init?(tierName: String?) {
        guard let tierName, tierName.hasPrefix("TIER_") else { return nil }
        let size = tierName.dropFirst("TIER_".count)
        if size == "UNLIMITED" {
            self = .unlimited
            return
        }
        let (digits, multiplier) = size.hasSuffix("K") ? (size.dropLast(), 1_000) : (size, 1)
        guard let count = Int(digits), count > 0 else { return nil }
        self.init(maxDailyConversations: count * multiplier)
    }

    /// The tier's name as Graph gives it (`TIER_2K`, `TIER_UNLIMITED`): what the simulator
    /// answers and what configuration files and the API show.
    public var tierName: String {
        guard let limit else { return "TIER_UNLIMITED" }
        return limit >= 1_000 && limit.isMultiple(of: 1_000) ? "TIER_\(limit / 1_000)K" : "TIER_\(limit)"
    }
}
