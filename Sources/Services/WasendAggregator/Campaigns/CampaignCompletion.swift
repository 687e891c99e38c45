import WasendCore

/// Whether every job of a campaign is final, from its counters hash: every received recipient
/// was planned (or skipped by the planner), every planned job has a final send result
/// (`accepted`, `failed:*`, or a sender's `skipped:*`), and every accepted message settled
/// (delivered, read, failed or expired: ``AggregatorKeys/settledField``).
enum CampaignCompletion {
    /// The planner's own skips, also counted in `skipped:*` (see the planner's `PlannerKeys`).
    static let plannerSkippedField = "planner_skipped"

    static func isComplete(counters: [String: Int64], recipientsReceived: Int64) -> Bool {
        guard recipientsReceived > 0 else { return false }
        var planned: Int64 = 0
        var accepted: Int64 = 0
        var finished: Int64 = 0
        var plannerSkipped: Int64 = 0
        var settled: Int64 = 0
        for (name, value) in counters {
            switch name {
            case plannerSkippedField: plannerSkipped = value
            case AggregatorKeys.settledField: settled = value
            default:
                switch CampaignCounterField(name: name) {
                case .planned: planned = value
                case .accepted:
                    accepted = value
                    finished += value
                case .failed, .skipped: finished += value
                default: continue
                }
            }
        }
        return planned + plannerSkipped >= recipientsReceived
            && finished - plannerSkipped >= planned
            && settled >= accepted
    }
}
