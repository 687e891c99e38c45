import WasendCore

/// A campaign's queued, unsent jobs, read from its counters hash: `planned − finished`. The planner
/// bounds it; `GET /v1/campaigns/{id}` shows it as `queued`.
///
/// Finished jobs are those accepted by the provider, failed for good, or skipped after
/// planning (by a sender, e.g. for a cancelled campaign). The planner's own skips are also
/// `skipped:<reason>` counters, so they are taken out through ``PlannerKeys/plannerSkippedField``.
public enum CampaignBacklog {
    public static func queuedJobs(counters: [String: Int64]) -> Int64 {
        var planned: Int64 = 0
        var finished: Int64 = 0
        for (name, value) in counters {
            if name == PlannerKeys.plannerSkippedField {
                finished -= value
                continue
            }
            switch CampaignCounterField(name: name) {
            case .planned: planned += value
            case .accepted, .failed, .skipped: finished += value
            default: continue
            }
        }
        return max(0, planned - finished)
    }
}
