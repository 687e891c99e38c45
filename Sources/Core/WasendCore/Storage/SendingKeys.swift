/// The Redis key layout of sending state: the limits the senders share (written by the senders'
/// limiter, by ``NumberControls``-style setters and by the aggregator from webhooks) and the send
/// ledger. Braces are Redis Cluster hash tags, chosen so that every Lua script touches one slot:
///
/// - A job's **limiter keys** are tagged by its business portfolio: the portfolio's moving 24 h
///   tier is shared by all its numbers, so one script can check a number's throughput, the pair
///   limit and the portfolio's tier together, and take from all of them only when all allow.
/// - A job's **ledger entry** is tagged by its campaign, like ``CampaignKeys/counters(_:)``, so
///   that marking a job final and counting it in the campaign's counters is one atomic script:
///   each job counts exactly once, across crashes and replays.
///
/// | key | type | holds | written by |
/// |---|---|---|---|
/// | `wasend:portfolio:{<p>}:number:<n>:gcra` | string | the number's next free send slot (µs since the epoch); expires when idle | limiter |
/// | `wasend:portfolio:{<p>}:number:<n>:settings` | hash | ``NumberSettingsField``: messages-per-second override, throttle factor and when it was set, stopped reason | number controls (aggregator, sender on 130429) |
/// | `wasend:portfolio:{<p>}:number:<n>:pair:<recipient>` | string | the pair limit's theoretical arrival time (µs); expires when idle | limiter |
/// | `wasend:portfolio:{<p>}:tier` | string | the portfolio's tier from `business_capability_update` (`max_daily_conversations_per_business`, `-1` unlimited); overrides configuration | aggregator |
/// | `wasend:portfolio:{<p>}:recipients24h` | sorted set | recipient digits → last counted business-initiated send (ms) | limiter |
/// | `wasend:portfolio:{<p>}:csw` | sorted set | `<number>:<recipient digits>` → when its customer-service window closes (ms) | aggregator (inbound messages) |
/// | `wasend:campaign:{<c>}:job:<job id>` | hash | ``LedgerField``: the lease (owner, until, reserved at) and the final result | sender, aggregator (settle) |
/// | `wasend:campaign:{<c>}:counters` | hash | ``CampaignCounterField`` → count (see ``CampaignKeys``) | finish and settle, in the same script |
public enum SendingKeys {
    public static func portfolio(_ portfolioID: String) -> String { "wasend:portfolio:{\(portfolioID)}" }

    public static func number(portfolioID: String, phoneNumberID: String) -> String {
        "\(portfolio(portfolioID)):number:\(phoneNumberID)"
    }

    /// The number's throughput limiter (next free slot, µs).
    public static func throughput(portfolioID: String, phoneNumberID: String) -> String {
        "\(number(portfolioID: portfolioID, phoneNumberID: phoneNumberID)):gcra"
    }

    /// The number's controls: overrides and stops that outlive a sender process.
    public static func numberSettings(portfolioID: String, phoneNumberID: String) -> String {
        "\(number(portfolioID: portfolioID, phoneNumberID: phoneNumberID)):settings"
    }

    /// One (number, recipient) pair's limiter.
    public static func pair(portfolioID: String, phoneNumberID: String, recipientDigits: String) -> String {
        "\(number(portfolioID: portfolioID, phoneNumberID: phoneNumberID)):pair:\(recipientDigits)"
    }

    /// The portfolio's tier as Meta last announced it.
    public static func tier(portfolioID: String) -> String { "\(portfolio(portfolioID)):tier" }

    /// The unique recipients of the moving 24 h window.
    public static func recipients24h(portfolioID: String) -> String { "\(portfolio(portfolioID)):recipients24h" }

    /// Open customer-service windows of the portfolio's numbers.
    public static func customerServiceWindows(portfolioID: String) -> String { "\(portfolio(portfolioID)):csw" }

    /// The member of ``customerServiceWindows(portfolioID:)`` for one (number, recipient) pair.
    public static func customerServiceWindowMember(phoneNumberID: String, recipientDigits: String) -> String {
        "\(phoneNumberID):\(recipientDigits)"
    }

    /// One job's ledger entry; shares its slot with ``CampaignKeys/counters(_:)``.
    public static func ledgerEntry(campaignID: String, jobID: JobID) -> String {
        "\(CampaignKeys.campaign(campaignID)):job:\(jobID.rawValue)"
    }

    /// Fields of ``numberSettings(portfolioID:phoneNumberID:)``.
    public enum NumberSettingsField {
        /// Messages per second Meta allows now (after `THROUGHPUT_UPGRADE`); replaces the configured rate.
        public static let messagesPerSecond = "mps"
        /// The throttle factor in (0, 1] after the last multiplicative decrease (130429).
        public static let throttleFactor = "throttle_factor"
        /// When ``throttleFactor`` was set (ms); the factor grows back to 1 additively from then.
        public static let throttledAt = "throttled_at"
        /// Present while the number must not send: why (`quality_red`, `account_restricted`, …).
        public static let stoppedReason = "stopped"
    }

    /// Fields of ``ledgerEntry(campaignID:jobID:)``.
    public enum LedgerField {
        /// The sender instance holding the lease.
        public static let owner = "owner"
        /// When the lease ends (ms).
        public static let leaseUntil = "lease_until"
        /// When the current reservation was made (ms): the earliest the message may have gone out.
        public static let reservedAt = "reserved_at"
        /// The final ``SendResult`` as JSON; once present, the job never sends again.
        public static let result = "result"
    }
}
