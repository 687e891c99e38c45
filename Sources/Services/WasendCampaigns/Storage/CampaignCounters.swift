import WasendCore

/// A campaign's progress as `GET /v1/campaigns/{id}` shows it, folded from its counters hash.
public struct CampaignCounters: Sendable, Hashable, Codable {
    public var planned: Int64 = 0
    /// Planned and not yet final (``CampaignBacklog``): what waits in Kafka for the senders.
    public var queued: Int64 = 0
    public var accepted: Int64 = 0
    public var sent: Int64 = 0
    public var delivered: Int64 = 0
    public var read: Int64 = 0
    public var expired: Int64 = 0
    public var skipped: [String: Int64] = [:]
    public var failed: [String: Int64] = [:]
    public var deferred: [String: Int64] = [:]
    /// Accepted by Meta, then reported failed by a webhook, by error code.
    public var deliveryFailed: [String: Int64] = [:]

    public init() {}

    /// Unknown fields are ignored, so services can add counters before the API shows them.
    public init(hash: [String: Int64]) {
        for (name, value) in hash {
            switch CampaignCounterField(name: name) {
            case .planned: planned = value
            case .accepted: accepted = value
            case .sent: sent = value
            case .delivered: delivered = value
            case .read: read = value
            case .expired: expired = value
            case .skipped(let reason): skipped[reason] = value
            case .failed(let code): failed[code] = value
            case .deferred(let limit): deferred[limit] = value
            case .deliveryFailed(let code): deliveryFailed[code] = value
            case nil: continue
            }
        }
        queued = CampaignBacklog.queuedJobs(counters: hash)
    }

    private enum CodingKeys: String, CodingKey {
        case planned, queued, accepted, sent, delivered, read, expired, skipped, failed, deferred
        case deliveryFailed = "delivery_failed"
    }
}
