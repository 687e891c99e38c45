import WasendCore

/// What the planner needs of a campaign to expand its recipients: the sender, the portfolio,
/// the message and the time before which nothing is sent.
public struct CampaignPlan: Sendable {
    public var campaignID: String
    public var phoneNumberID: String
    public var portfolioID: String
    public var category: MessageCategory
    /// Jobs are not sent before the campaign's `start_at`.
    public var notBefore: Timestamp?
    public var message: MessageSpec

    public init(record: CampaignRecord) {
        let campaign = record.campaign
        self.campaignID = campaign.id
        self.phoneNumberID = campaign.phoneNumberID
        self.portfolioID = campaign.portfolioID
        self.category = campaign.category
        self.notBefore = campaign.schedule.startAt
        self.message = campaign.message
    }
}
