import WasendCore

/// The lifecycle moves a client may ask for, each the path of a `POST /v1/campaigns/{id}/<command>`.
enum LifecycleCommand: String, CaseIterable, Sendable {
    case start, pause, resume, cancel

    /// Core's events for this command. `start` schedules a draft, and also starts it when its
    /// `start_at` has come (or it has none); otherwise the aggregator starts it when it is due.
    func events(for campaign: Campaign, at now: Timestamp) -> [CampaignEvent] {
        switch self {
        case .start: campaign.schedule.isDue(at: now) ? [.schedule, .start] : [.schedule]
        case .pause: [.pause(.manual)]
        case .resume: [.resume]
        case .cancel: [.cancel]
        }
    }
}
