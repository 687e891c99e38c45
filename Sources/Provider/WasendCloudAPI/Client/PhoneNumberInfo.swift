import WasendCore

/// What `GET /{phone-number-id}` tells about a sending number: the facts its limits follow from.
public struct PhoneNumberInfo: Codable, Hashable, Sendable {
    /// The fields `CloudAPIClient` asks for.
    public static let fields = [
        "display_phone_number", "verified_name", "quality_rating", "throughput",
        "whatsapp_business_manager_messaging_limit",
    ]

    public var id: String
    public var displayPhoneNumber: String?
    public var verifiedName: String?
    /// `GREEN`, `YELLOW`, `RED`, `UNKNOWN`; the throughput upgrade needs at least `YELLOW`.
    public var qualityRating: String?
    public var throughput: Throughput?
    /// The portfolio's tier: `TIER_250`, `TIER_2K`, `TIER_10K`, `TIER_100K`, `TIER_UNLIMITED`.
    public var messagingLimitTier: String?

    public init(
        id: String,
        displayPhoneNumber: String? = nil,
        verifiedName: String? = nil,
        qualityRating: String? = nil,
        throughput: Throughput? = nil,
        messagingLimitTier: String? = nil
    ) {
        self.id = id
        self.displayPhoneNumber = displayPhoneNumber
        self.verifiedName = verifiedName
        self.qualityRating = qualityRating
        self.throughput = throughput
        self.messagingLimitTier = messagingLimitTier
    }

    /// The tier as a number of unique recipients per moving 24 h.
    public var messagingTier: MessagingTier? { MessagingTier(tierName: messagingLimitTier) }

    enum CodingKeys: String, CodingKey {
        case id
        case displayPhoneNumber = "display_phone_number"
        case verifiedName = "verified_name"
        case qualityRating = "quality_rating"
        case throughput
        case messagingLimitTier = "whatsapp_business_manager_messaging_limit"
    }

    public struct Throughput: Codable, Hashable, Sendable {
        /// `STANDARD` (80 messages/s), `HIGH` (1,000 messages/s), `NOT_APPLICABLE`.
        public var level: String

        public init(level: String) {
            self.level = level
        }
    }
}
