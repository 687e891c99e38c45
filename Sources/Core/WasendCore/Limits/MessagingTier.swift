/// A business portfolio's messaging limit: how many unique users business-initiated messages may
/// reach in a moving 24 h. Meta raises it step by step: 250 → 2,000 → 10,000 → 100,000 → unlimited.
///
/// Encoded as Meta's `max_daily_conversations_per_business` number, `-1` meaning unlimited.
public struct MessagingTier: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// `nil` for unlimited.
    public let limit: Int?

    public static let tier250 = MessagingTier(limit: 250)
    public static let tier2K = MessagingTier(limit: 2000)
    public static let tier10K = MessagingTier(limit: 10_000)
    public static let tier100K = MessagingTier(limit: 100_000)
    public static let unlimited = MessagingTier(limit: nil)

    /// Meta's steps, lowest first.
    public static let all: [MessagingTier] = [.tier250, .tier2K, .tier10K, .tier100K, .unlimited]

    private init(limit: Int?) {
        self.limit = limit
    }

    /// From a `business_capability_update` webhook's `max_daily_conversations_per_business`
    /// (`-1` is unlimited). Values between Meta's steps round down to the step below, so a
    /// surprising value never raises the limit; below 250 gives `nil`.
    public init?(maxDailyConversations value: Int) {
        if value < 0 {
            self = .unlimited
            return
        }
        guard let tier = Self.all.last(where: { ($0.limit ?? .max) <= value }) else { return nil }
        self = tier
    }

    public static func < (lhs: MessagingTier, rhs: MessagingTier) -> Bool {
        (lhs.limit ?? .max) < (rhs.limit ?? .max)
    }

    public var description: String { limit.map(String.init) ?? "unlimited" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let value = try container.decode(Int.self)
        guard let tier = MessagingTier(maxDailyConversations: value) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "no messaging tier of \(value)")
        }
        self = tier
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(limit ?? -1)
    }
}
