import WasendCampaigns
import WasendCore

extension CampaignDirectory {
    /// Ids of the campaigns of `portfolioID` that may send, sending the template `templateName`
    /// when one is given: the campaigns a webhook about a portfolio or a template affects.
    func sendingCampaigns(portfolioID: String, templateName: String? = nil, languageCode: String? = nil) -> [String] {
        campaignIDs { record in
            let campaign = record.campaign
            guard campaign.portfolioID == portfolioID, !campaign.state.status.isFinal else { return false }
            guard let templateName else { return true }
            guard case .template(let template) = campaign.message, template.name == templateName else { return false }
            return languageCode == nil || template.languageCode == languageCode
        }
    }
}
