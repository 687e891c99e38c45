/// Where a message stands, from the send acceptance to the user reading it.
///
/// The order of the cases is the order of progress; see ``DeliveryState`` for how webhooks in any
/// order fold into one status.
public enum DeliveryStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// The Cloud API took the message (HTTP 200 with a wamid); nothing is known about delivery yet.
    case accepted
    case sent
    case delivered
    /// Read, or for a voice message `played`.
    case read
    case failed
    /// Sent but never delivered within the expiry time.
    case expired

    /// Maps a webhook's `status` value; `played` is a read, and statuses that say nothing about
    /// delivery (`deleted`, unknown ones) give `nil`.
    public init?(webhookStatus: String) {
        switch webhookStatus {
        case "sent": self = .sent
        case "delivered": self = .delivered
        case "read", "played": self = .read
        case "failed": self = .failed
        default: return nil
        }
    }
}
