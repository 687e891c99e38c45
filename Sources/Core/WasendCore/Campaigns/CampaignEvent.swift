/// A request to move a campaign through its lifecycle (see ``CampaignState``).
public enum CampaignEvent: Sendable, Hashable {
    /// Fix the draft and queue it for its start time.
    case schedule
    /// The start time came (or an operator started it now).
    case start
    case pause(PauseReason)
    case resume
    /// Every job of the campaign has a final result.
    case complete
    case cancel

    var targetState: CampaignState {
        switch self {
        case .schedule: .scheduled
        case .start: .running
        case .pause(let reason): .paused(reason)
        case .resume: .running
        case .complete: .completed
        case .cancel: .cancelled
        }
    }

    var allowedSources: Set<CampaignStatus> {
        switch self {
        case .schedule: [.draft]
        case .start: [.scheduled]
        case .pause: [.running]
        case .resume: [.paused]
        case .complete: [.running, .paused]
        case .cancel: [.draft, .scheduled, .running, .paused]
        }
    }

    /// The name used in errors and in the API's paths (`/campaigns/{id}/pause`).
    public var name: String {
        switch self {
        case .schedule: "schedule"
        case .start: "start"
        case .pause: "pause"
        case .resume: "resume"
        case .complete: "complete"
        case .cancel: "cancel"
        }
    }
}
