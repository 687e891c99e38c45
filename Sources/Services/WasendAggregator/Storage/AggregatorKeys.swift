import WasendCore

/// The Redis keys the aggregator owns. Braces are Redis Cluster hash tags: a message's delivery
/// state shares its campaign's slot (``CampaignKeys``), so one script folds a batch of statuses
/// and counts them in the campaign's counters atomically.
///
/// | key | type | holds |
/// |---|---|---|
/// | `wasend:campaign:{<c>}:delivery:<job id>` | hash | ``DeliveryField``: stage times, wamid, recipient, pricing, the stages counted, the version (`v`) and the version published (`pv`) |
/// | `wasend:campaign:{<c>}:expiring` | sorted set | job ids of messages not delivered yet, by when they expire (ms) |
/// | `wasend:delivery:job:{<job id>}` | string | the job's campaign id: joins a status to its job |
/// | `wasend:delivery:wamid:{<wamid>}` | string | `<job id's length>:<job id><campaign id>`: joins a status without `biz_opaque_callback_data` |
/// | `wasend:delivery:pending:{<job id or wamid>}` | list | statuses that came before their send result (JSON), bounded |
/// | `wasend:delivery:open` | set | campaigns with messages that may still expire: what the sweep visits |
public enum AggregatorKeys {
    public static func delivery(campaignID: String, jobID: JobID) -> String {
        "\(CampaignKeys.campaign(campaignID)):delivery:\(jobID.rawValue)"
    }

    public static func expiring(campaignID: String) -> String { "\(CampaignKeys.campaign(campaignID)):expiring" }

    public static func jobCampaign(_ jobID: JobID) -> String { "wasend:delivery:job:{\(jobID.rawValue)}" }

    public static func wamidJob(_ wamid: String) -> String { "wasend:delivery:wamid:{\(wamid)}" }

    public static func pending(_ reference: MessageReference) -> String {
        switch reference {
        case .job(let jobID): "wasend:delivery:pending:{\(jobID.rawValue)}"
        case .wamid(let wamid): "wasend:delivery:pending:{w:\(wamid)}"
        }
    }

    public static let openCampaigns = "wasend:delivery:open"

    /// A field of the campaign's counters hash besides ``CampaignCounterField``: accepted messages
    /// whose delivery settled (delivered, read, failed or expired), each once. A campaign is
    /// complete when every accepted message has settled.
    public static let settledField = "delivery_settled"

    /// Fields of ``delivery(campaignID:jobID:)``: one letter per stage (``FoldStage``), holding
    /// the stage's earliest time in ms.
    public enum DeliveryField {
        public static let errorCode = "fc"
        public static let wamid = "w"
        public static let recipient = "rc"
        public static let pricingCategory = "pc"
        /// The stages already counted in the campaign's counters, one letter each (`z`: settled).
        public static let counted = "cnt"
    }
}

/// How a status names its message: by the job id it carries, or only by Meta's wamid.
public enum MessageReference: Sendable, Hashable {
    case job(JobID)
    case wamid(String)
}
