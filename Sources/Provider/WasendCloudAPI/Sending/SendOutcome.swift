import WasendCore

/// What one send attempt came to, as far as the HTTP response can tell. Delivery is only known
/// later, from webhooks.
public enum SendOutcome: Hashable, Sendable {
    /// Meta took the message and gave it a wamid.
    case accepted(SendAcceptance)
    /// Meta refused it, or the answer could not be read; `advice` says whether and when to retry.
    case failed(CloudAPIError)
}

/// A successful send: the wamid that every status webhook of this message will carry.
public struct SendAcceptance: Hashable, Sendable {
    /// How Meta took the message (`messages[].message_status`).
    public enum Status: Hashable, Sendable {
        /// Queued for delivery. Also what a response without `message_status` means.
        case accepted
        /// Held while Meta assesses the template's quality; it may still go out, or fail by webhook.
        case heldForQualityAssessment
        /// The template is paused; a failed status will follow.
        case paused
        /// A value this module does not know yet, kept as sent.
        case other(String)

        init(wireValue: String?) {
            switch wireValue {
            case nil, "accepted": self = .accepted
            case "held_for_quality_assessment": self = .heldForQualityAssessment
            case "paused": self = .paused
            case let value?: self = .other(value)
            }
        }
    }

    public var wamid: String
    public var status: Status
    /// The recipient's WhatsApp id, when Meta reports it.
    public var waID: String?

    public init(wamid: String, status: Status, waID: String? = nil) {
        self.wamid = wamid
        self.status = status
        self.waID = waID
    }
}
