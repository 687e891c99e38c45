/// The limit that deferred a job.
public enum SendLimit: String, Sendable, Hashable, Codable, CaseIterable {
    /// The sending number's messages per second (GCRA).
    case throughput
    /// The campaign's own messages-per-second override.
    case campaignThroughput = "campaign_throughput"
    /// The portfolio's moving 24 h unique-recipient tier.
    case messagingTier = "messaging_tier"
    /// One message per 6 s per (number, recipient), with bursts.
    case pairRate = "pair_rate"
    /// Meta answered with a throttling code; backing off.
    case providerThrottled = "provider_throttled"
    /// The campaign is paused; the job waits for the resume.
    case campaignPaused = "campaign_paused"
}
