/// The Redis key layout of campaigns, in one place for the API (which writes records), the planner,
/// senders and aggregator (which increment counters and read the state). Braces are Redis Cluster
/// hash tags: one campaign's keys share a slot, so scripts may touch them together. The senders'
/// limits and send ledger are in ``SendingKeys``.
///
/// | key | type | holds |
/// |---|---|---|
/// | `wasend:campaign:{<id>}` | hash | `tenant`, `state`, `version`, `record` (the ``CampaignRecord`` JSON) |
/// | `wasend:campaign:{<id>}:counters` | hash | ``CampaignCounterField`` → count (`HINCRBY`) |
/// | `wasend:campaign:{<id>}:accepted_per_10s` | hash | interval number (``SendRate``) → jobs accepted in it, written as the ledger counts them |
/// | `wasend:campaign:{<id>}:outcomes` | list | the campaign's last final outcomes across senders, `1` failed, newest first (auto-pause) |
/// | `wasend:tenant:{<tenant>}:campaigns` | sorted set | campaign ids scored by creation time (ms) |
/// | `wasend:tenant:{<tenant>}:idempotency:<key>` | string | the stored first answer, with a TTL |
/// | `wasend:number:{<phone number id>}:quality` | string | Meta's quality rating, set by the aggregator |
/// | `wasend:portfolio:{<portfolio>}:optouts` | set | E.164 digits of recipients who opted out (the aggregator adds them) |
/// | `wasend:state` | string | when the aggregator last restored Redis from Kafka (ms): its absence means Redis lost its data |
/// | `wasend:state:restoring` | string | the aggregator instance restoring now (a lock with a TTL) |
public enum CampaignKeys {
    public static func campaign(_ campaignID: String) -> String { "wasend:campaign:{\(campaignID)}" }
    public static func counters(_ campaignID: String) -> String { "wasend:campaign:{\(campaignID)}:counters" }
    public static func acceptedPerInterval(_ campaignID: String) -> String {
        "wasend:campaign:{\(campaignID)}:accepted_per_10s"
    }
    public static func failureWindow(_ campaignID: String) -> String { "wasend:campaign:{\(campaignID)}:outcomes" }
    public static func tenantCampaigns(_ tenantID: String) -> String { "wasend:tenant:{\(tenantID)}:campaigns" }
    public static func idempotency(tenantID: String, key: String) -> String {
        "wasend:tenant:{\(tenantID)}:idempotency:\(key)"
    }
    public static func numberQuality(_ phoneNumberID: String) -> String { "wasend:number:{\(phoneNumberID)}:quality" }
    /// Opt-outs are per business portfolio: a recipient who blocks or stops a business is out
    /// of every campaign of every number of that portfolio. The aggregator writes, the planner reads.
    public static func optOuts(portfolioID: String) -> String { "wasend:portfolio:{\(portfolioID)}:optouts" }

    /// Present while Redis holds Wasend's state: a Redis restarted without persistence has none,
    /// and the aggregator restores it from Kafka (see `StateRestore`).
    public static let stateMarker = "wasend:state"
    public static let stateRestoreLock = "wasend:state:restoring"

    /// Fields of the campaign hash.
    public enum CampaignField {
        public static let tenant = "tenant"
        public static let state = "state"
        public static let version = "version"
        public static let record = "record"
        /// Recipients in committed uploads, incremented by the API.
        public static let recipientsReceived = "recipients_received"
    }
}
