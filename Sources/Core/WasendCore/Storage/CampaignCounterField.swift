/// The fields of a campaign's counters hash. Services `HINCRBY` them; the API only reads.
///
/// The sender counts `accepted`, `failed`, `skipped` and `deferred`; the aggregator counts the
/// delivery stages from the webhooks: a message counts in every stage it reached (`read` also
/// counts as `sent` and `delivered` when those webhooks never came), each stage once.
public enum CampaignCounterField: Sendable, Hashable {
    case planned, accepted, sent, delivered, read
    /// Sent messages that were never delivered within the expiry time (Meta's is 30 days).
    case expired
    /// The planner dropped a recipient: `invalid_phone`, `duplicate`, `opted_out`, `no_opt_in`, `missing_variable`...
    case skipped(reason: String)
    /// The provider refused a message, by Meta's error code.
    case failed(code: String)
    /// A job waited for a limit: a ``SendLimit`` raw value (`throughput`, `messaging_tier`, `pair_rate`…).
    case deferred(limit: String)
    /// Meta accepted a message, then a webhook reported it failed, by Meta's error code.
    case deliveryFailed(code: String)

    public var name: String {
        switch self {
        case .planned: "planned"
        case .accepted: "accepted"
        case .sent: "sent"
        case .delivered: "delivered"
        case .read: "read"
        case .expired: "expired"
        case .skipped(let reason): "skipped:\(reason)"
        case .failed(let code): "failed:\(code)"
        case .deferred(let limit): "deferred:\(limit)"
        case .deliveryFailed(let code): "delivery_failed:\(code)"
        }
    }

    public init?(name: String) {
        let parts = name.split(separator: ":", maxSplits: 1).map(String.init)
        switch (parts.first, parts.count) {
        case ("planned", 1): self = .planned
        case ("accepted", 1): self = .accepted
        case ("sent", 1): self = .sent
        case ("delivered", 1): self = .delivered
        case ("read", 1): self = .read
        case ("expired", 1): self = .expired
        case ("skipped", 2): self = .skipped(reason: parts[1])
        case ("failed", 2): self = .failed(code: parts[1])
        case ("deferred", 2): self = .deferred(limit: parts[1])
        case ("delivery_failed", 2): self = .deliveryFailed(code: parts[1])
        default: return nil
        }
    }
}
