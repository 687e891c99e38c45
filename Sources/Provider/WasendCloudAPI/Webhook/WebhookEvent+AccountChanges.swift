import WasendCore

extension WebhookEvent {
    /// A number's quality or limits changed: `THROUGHPUT_UPGRADE` (80 → 1,000 messages/s),
    /// `UPGRADE`/`DOWNGRADE` of the messaging tier, `FLAGGED`, `UNFLAGGED`, `ONBOARDING`, …
    public struct PhoneNumberQualityChange: Hashable, Sendable {
        public var businessAccountID: String
        public var displayPhoneNumber: String?
        public var event: String
        /// `TIER_250`, `TIER_2K`, `TIER_10K`, `TIER_100K`, `TIER_UNLIMITED`, …
        public var currentLimit: String?
        public var messagingTier: MessagingTier?

        public init(
            businessAccountID: String,
            displayPhoneNumber: String?,
            event: String,
            currentLimit: String?,
            messagingTier: MessagingTier?
        ) {
            self.businessAccountID = businessAccountID
            self.displayPhoneNumber = displayPhoneNumber
            self.event = event
            self.currentLimit = currentLimit
            self.messagingTier = messagingTier
        }
    }

    /// The portfolio's messaging tier changed (`business_capability_update`); `nil` tier when Meta
    /// sent a value below the lowest step.
    public struct BusinessCapabilityChange: Hashable, Sendable {
        public var businessAccountID: String
        public var messagingTier: MessagingTier?
        public var maxPhoneNumbersPerBusiness: Int?

        public init(businessAccountID: String, messagingTier: MessagingTier?, maxPhoneNumbersPerBusiness: Int?) {
            self.businessAccountID = businessAccountID
            self.messagingTier = messagingTier
            self.maxPhoneNumbersPerBusiness = maxPhoneNumbersPerBusiness
        }
    }

    /// The WhatsApp Business Account was restricted, scheduled for disabling, banned, reinstated, …
    public struct AccountChange: Hashable, Sendable {
        public var businessAccountID: String
        /// `ACCOUNT_RESTRICTION`, `DISABLED_UPDATE`, `ACCOUNT_VIOLATION`, …
        public var event: String
        public var phoneNumber: String?
        /// `SCHEDULE_FOR_DISABLE`, `DISABLE`, `REINSTATE`, for `DISABLED_UPDATE`.
        public var banState: String?
        /// `RESTRICTED_BIZ_INITIATED_MESSAGING`, …, for `ACCOUNT_RESTRICTION`.
        public var restrictions: [String]

        public init(
            businessAccountID: String, event: String, phoneNumber: String?, banState: String?, restrictions: [String]
        ) {
            self.businessAccountID = businessAccountID
            self.event = event
            self.phoneNumber = phoneNumber
            self.banState = banState
            self.restrictions = restrictions
        }
    }
}
