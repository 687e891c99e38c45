extension WebhookEvent {
    /// A template was approved, rejected, paused, disabled or flagged. Campaigns using a paused or
    /// disabled template must stop before their sends start failing with 132xxx codes.
    public struct TemplateStatusChange: Hashable, Sendable {
        public var businessAccountID: String
        public var templateID: String
        public var name: String?
        public var languageCode: String?
        /// `APPROVED`, `REJECTED`, `PAUSED`, `DISABLED`, `FLAGGED`, …
        public var event: String
        public var reason: String?
        public var category: String?

        public init(
            businessAccountID: String,
            templateID: String,
            name: String?,
            languageCode: String?,
            event: String,
            reason: String?,
            category: String?
        ) {
            self.businessAccountID = businessAccountID
            self.templateID = templateID
            self.name = name
            self.languageCode = languageCode
            self.event = event
            self.reason = reason
            self.category = category
        }
    }

    /// A template's quality score moved (`GREEN`, `YELLOW`, `RED`, `UNKNOWN`).
    public struct TemplateQualityChange: Hashable, Sendable {
        public var businessAccountID: String
        public var templateID: String
        public var name: String?
        public var languageCode: String?
        public var previousScore: String?
        public var newScore: String

        public init(
            businessAccountID: String,
            templateID: String,
            name: String?,
            languageCode: String?,
            previousScore: String?,
            newScore: String
        ) {
            self.businessAccountID = businessAccountID
            self.templateID = templateID
            self.name = name
            self.languageCode = languageCode
            self.previousScore = previousScore
            self.newScore = newScore
        }
    }
}
