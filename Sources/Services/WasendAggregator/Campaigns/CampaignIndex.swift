import Synchronization
import WasendCore

/// The latest version of every campaign seen on `wasend.campaigns`: how a webhook about a
/// portfolio or a template finds the campaigns it affects. It grows with the number of
/// campaigns, never with their size.
final class CampaignIndex: Sendable {
    private let records = Mutex<[String: CampaignRecord]>([:])

    /// Keeps `record` unless a higher version of the campaign is known already.
    func update(_ record: CampaignRecord) {
        records.withLock { records in
            if let known = records[record.id], known.version >= record.version { return }
            records[record.id] = record
        }
    }

    /// Ids of the campaigns of `portfolioID` that may send, sending the template `templateName`
    /// when one is given.
    func sendingCampaigns(portfolioID: String, templateName: String? = nil, languageCode: String? = nil) -> [String] {
        records.withLock { records in
            records.values.filter { record in
                let campaign = record.campaign
                guard campaign.portfolioID == portfolioID, !campaign.state.status.isFinal else { return false }
                guard let templateName else { return true }
                guard case .template(let template) = campaign.message, template.name == templateName else { return false }
                return languageCode == nil || template.languageCode == languageCode
            }.map(\.id).sorted()
        }
    }
}
