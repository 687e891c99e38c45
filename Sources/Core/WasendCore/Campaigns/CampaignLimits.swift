/// A campaign's own, stricter limits. Each is optional: `nil` leaves the sending number's and the
/// portfolio's limits as they are. An override can only slow a campaign down, never lift Meta's limits.
public struct CampaignLimits: Sendable, Hashable, Codable {
    /// At most this many messages per second for this campaign.
    public var messagesPerSecond: Int?
    /// At most this many distinct recipients started in any moving 24 h.
    public var recipientsPer24Hours: Int?
    /// Give up on a job after this many attempts.
    public var maximumAttempts: Int?

    public init(messagesPerSecond: Int? = nil, recipientsPer24Hours: Int? = nil, maximumAttempts: Int? = nil) {
        self.messagesPerSecond = messagesPerSecond
        self.recipientsPer24Hours = recipientsPer24Hours
        self.maximumAttempts = maximumAttempts
    }

    /// The name of the first override that is not positive, for a 400 answer.
    public var invalidField: String? {
        if let messagesPerSecond, messagesPerSecond <= 0 { return CodingKeys.messagesPerSecond.stringValue }
        if let recipientsPer24Hours, recipientsPer24Hours <= 0 { return CodingKeys.recipientsPer24Hours.stringValue }
        if let maximumAttempts, maximumAttempts <= 0 { return CodingKeys.maximumAttempts.stringValue }
        return nil
    }

    private enum CodingKeys: String, CodingKey {
        case messagesPerSecond = "messages_per_second"
        case recipientsPer24Hours = "recipients_per_24h"
        case maximumAttempts = "maximum_attempts"
    }
}
