import WasendCore

/// The fast, shared copy of campaigns (Redis). Kafka's `wasend.campaigns` stays the source of truth;
/// this is what the API answers from and what senders poll for pause and cancel.
public protocol CampaignStore: Sendable {
    /// Stores a new campaign and indexes it under its tenant.
    func insert(_ campaign: CampaignRecord) async throws
    func campaign(id: String) async throws -> StoredCampaign?
    /// Replaces the record only if its stored version is still `expectedVersion`:
    /// two replicas changing one campaign at once cannot both win. Returns false when it lost.
    func replace(_ campaign: CampaignRecord, expectedVersion: Int) async throws -> Bool
    /// One page of the tenant's campaign ids, oldest first (stable under appends), and the total.
    func campaignIDs(tenantID: String, offset: Int, limit: Int) async throws -> (ids: [String], total: Int)
    /// Adds the recipients of a committed upload.
    func addRecipientsReceived(campaignID: String, count: Int) async throws
    /// Usage of a sender number for `GET /v1/numbers`; the 24 h recipients are its portfolio's.
    func numberUsage(phoneNumberID: String, portfolioID: String, now: Timestamp) async throws -> NumberUsage
    /// For `/readyz`.
    func ping() async throws
}

/// A campaign with what the services have counted for it.
public struct StoredCampaign: Sendable, Hashable {
    public var record: CampaignRecord
    public var recipientsReceived: Int64
    public var counters: CampaignCounters
    /// Accepted per second over the last minute, when it was read.
    public var sendRate: SendRate

    public init(
        record: CampaignRecord, recipientsReceived: Int64, counters: CampaignCounters,
        sendRate: SendRate = SendRate(perSecond: 0)
    ) {
        self.record = record
        self.recipientsReceived = recipientsReceived
        self.counters = counters
        self.sendRate = sendRate
    }

    /// Recipients received and not yet final (accepted, failed or skipped): what the ETA waits for.
    public var recipientsLeft: Int64 {
        let finished = counters.accepted + counters.failed.values.reduce(0, +) + counters.skipped.values.reduce(0, +)
        return max(0, recipientsReceived - finished)
    }
}

/// What the senders and aggregator record about a number.
public struct NumberUsage: Sendable, Hashable {
    /// Unique recipients the number's portfolio messaged in the moving last 24 hours, counted as
    /// the messaging tier counts them.
    public var recipientsLast24Hours: Int
    /// `GREEN`, `YELLOW`, `RED`, or `UNKNOWN` before Meta reported one.
    public var quality: String

    public init(recipientsLast24Hours: Int, quality: String) {
        self.recipientsLast24Hours = recipientsLast24Hours
        self.quality = quality
    }
}
