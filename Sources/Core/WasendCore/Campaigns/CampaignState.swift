/// Where a campaign is in its lifecycle, as a state machine that refuses illegal moves:
///
/// ```
/// draft ─schedule─▶ scheduled ─start─▶ running ⇄ paused ─complete─▶ completed
///   └───────────────────┴──────cancel────┴─────────┴──────────────▶ cancelled
/// ```
///
/// `pause` and `resume` move between running and paused; `complete` ends a running or paused
/// campaign once every job has a final result; `cancel` ends any campaign that has not ended.
public enum CampaignState: Sendable, Hashable, Codable {
    case draft
    case scheduled
    case running
    case paused(PauseReason)
    case completed
    case cancelled

    public var status: CampaignStatus {
        switch self {
        case .draft: .draft
        case .scheduled: .scheduled
        case .running: .running
        case .paused: .paused
        case .completed: .completed
        case .cancelled: .cancelled
        }
    }

    public var pauseReason: PauseReason? {
        if case .paused(let reason) = self { reason } else { nil }
    }

    /// The state after `event`, or an error naming the current and the wanted status and why the
    /// move is refused. Nothing changes on error.
    public func applying(_ event: CampaignEvent) throws(CampaignTransitionError) -> CampaignState {
        let target = event.targetState
        guard !status.isFinal else {
            throw CampaignTransitionError(from: status, to: target.status, event: event, reason: .alreadyEnded)
        }
        guard target.status != status else {
            throw CampaignTransitionError(from: status, to: target.status, event: event, reason: .alreadyInState)
        }
        guard event.allowedSources.contains(status) else {
            throw CampaignTransitionError(from: status, to: target.status, event: event, reason: .notAllowed)
        }
        return target
    }

    public mutating func apply(_ event: CampaignEvent) throws(CampaignTransitionError) {
        self = try applying(event)
    }

    private enum CodingKeys: String, CodingKey {
        case status
        case pauseReason = "pause_reason"
    }

    /// Encoded as `{"status":"paused","pause_reason":"error_rate"}`; `pause_reason` only when paused.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(CampaignStatus.self, forKey: .status) {
        case .draft: self = .draft
        case .scheduled: self = .scheduled
        case .running: self = .running
        case .paused: self = .paused(try container.decode(PauseReason.self, forKey: .pauseReason))
        case .completed: self = .completed
        case .cancelled: self = .cancelled
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(pauseReason, forKey: .pauseReason)
    }
}
