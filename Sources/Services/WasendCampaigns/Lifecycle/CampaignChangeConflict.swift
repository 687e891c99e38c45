/// Another writer changed the campaign between its read and this write: read it again and
/// decide again (the API answers 409 and lets the client retry).
public struct CampaignChangeConflict: Error, CustomStringConvertible {
    public var campaignID: String

    public init(campaignID: String) {
        self.campaignID = campaignID
    }

    public var description: String { "campaign \(campaignID) changed meanwhile" }
}
