import WasendCampaigns
import WasendCore

/// Whether a campaign's recipients may be expanded now, from its state and schedule.
/// The backlog bound is checked after, only for campaigns that pass.
public enum CampaignGate: Sendable, Hashable {
    case expand
    /// Every remaining recipient becomes a skipped `cancelled` result.
    case skipAsCancelled
    /// The recipients wait in Kafka; the planner looks again later.
    case wait(WaitReason)
    /// The recipients cannot be planned, ever.
    case deadLetter(reason: String, detail: String)

    public enum WaitReason: String, Sendable, Hashable {
        case unknownCampaign = "unknown_campaign"
        case draft
        case paused
        case scheduled
        case backlogFull = "backlog_full"
        case uploadOpen = "upload_open"
    }

    public static func decide(for record: CampaignRecord?, now: Timestamp) -> CampaignGate {
        guard let campaign = record?.campaign else { return .wait(.unknownCampaign) }
        switch campaign.state.status {
        case .cancelled:
            return .skipAsCancelled
        case .completed:
            return .deadLetter(reason: "campaign_completed", detail: "recipients arrived after the campaign completed")
        case .draft:
            return .wait(.draft)
        case .scheduled:
            return .wait(.scheduled)
        case .paused:
            return .wait(.paused)
        case .running:
            if let startAt = campaign.schedule.startAt, startAt > now { return .wait(.scheduled) }
            return .expand
        }
    }
}
