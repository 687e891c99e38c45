/// A lifecycle move the state machine refused; the API turns it into a 409 with these fields.
public struct CampaignTransitionError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: String, Sendable, Hashable, Codable {
        /// The campaign is completed or cancelled and can no longer change.
        case alreadyEnded = "already_ended"
        /// The campaign is already in the wanted status (e.g. pausing a paused campaign).
        case alreadyInState = "already_in_state"
        /// The lifecycle has no such move (e.g. resuming a draft).
        case notAllowed = "not_allowed"
    }

    public var from: CampaignStatus
    public var to: CampaignStatus
    public var event: CampaignEvent
    public var reason: Reason

    public var description: String {
        let why =
            switch reason {
            case .alreadyEnded: "the campaign has ended"
            case .alreadyInState: "the campaign is already \(to)"
            case .notAllowed: "a \(from) campaign cannot be moved to \(to)"
            }
        return "cannot \(event.name) the campaign (\(from) → \(to)): \(why)"
    }
}
