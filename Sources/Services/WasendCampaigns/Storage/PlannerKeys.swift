import WasendCore

/// The Redis keys the planner owns, in one place. Braces are Redis Cluster hash tags: a
/// campaign's keys share a slot with the API's campaign keys (``CampaignKeys``).
///
/// | key | type | holds |
/// |---|---|---|
/// | `wasend:campaign:{<id>}:first` | hash | E.164 digits → the source position that first named them |
/// | `wasend:campaign:{<id>}:counted` | hash | source positions of batches whose counters were added |
/// | `wasend:campaign:{<id>}:uploads` | hash | upload id → `committed:<batches>` or `aborted` |
public enum PlannerKeys {
    public static func firstPositions(campaignID: String) -> String { "wasend:campaign:{\(campaignID)}:first" }
    public static func countedBatches(campaignID: String) -> String { "wasend:campaign:{\(campaignID)}:counted" }
    public static func uploads(campaignID: String) -> String { "wasend:campaign:{\(campaignID)}:uploads" }
    public static func counters(campaignID: String) -> String { CampaignKeys.counters(campaignID) }

    /// Counter fields of the campaign's counters hash the planner increments besides
    /// ``CampaignCounterField``: recipients it skipped, whatever the reason, so the backlog can
    /// tell them from skips after planning.
    public static let plannerSkippedField = "planner_skipped"
}
