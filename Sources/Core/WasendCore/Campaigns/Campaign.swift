/// A campaign: one message spec sent from one number to many recipients.
///
/// The value on the compacted `wasend.campaigns` topic. Its ``state`` only changes through
/// ``apply(_:)``, which enforces the lifecycle.
public struct Campaign: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var name: String
    /// Meta's id of the sending phone number.
    public var phoneNumberID: String
    /// The business portfolio (WABA) the number belongs to; its messaging tier is shared.
    public var portfolioID: String
    public var category: MessageCategory
    public var message: MessageSpec
    public var schedule: CampaignSchedule
    public var limits: CampaignLimits
    public private(set) var state: CampaignState

    public init(
        id: String, name: String, phoneNumberID: String, portfolioID: String, category: MessageCategory,
        message: MessageSpec, schedule: CampaignSchedule = CampaignSchedule(), limits: CampaignLimits = CampaignLimits(),
        state: CampaignState = .draft
    ) {
        self.id = id
        self.name = name
        self.phoneNumberID = phoneNumberID
        self.portfolioID = portfolioID
        self.category = category
        self.message = message
        self.schedule = schedule
        self.limits = limits
        self.state = state
    }

    /// Moves the campaign through its lifecycle, or throws and leaves it unchanged.
    public mutating func apply(_ event: CampaignEvent) throws(CampaignTransitionError) {
        try state.apply(event)
    }

    private enum CodingKeys: String, CodingKey {
        case id, name
        case phoneNumberID = "phone_number_id"
        case portfolioID = "portfolio_id"
        case category, message, schedule, limits, state
    }
}
