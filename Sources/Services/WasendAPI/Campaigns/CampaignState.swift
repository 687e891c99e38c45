/// Where a campaign is in its life. Only the API moves it between `draft`, `running`, `paused` and
/// `cancelled`; the aggregator marks it `completed` when every planned job has a final outcome.
public enum CampaignState: String, Sendable, Hashable, Codable, CaseIterable {
    case draft, running, paused, completed, cancelled

    /// What a client may ask of a campaign.
    public enum Command: String, Sendable {
        case start, pause, resume, cancel
    }

    /// The state after `command`, or why the move is not allowed.
    public func applying(_ command: Command) -> Result<CampaignState, IllegalTransition> {
        switch (self, command) {
        case (.draft, .start): .success(.running)
        case (.running, .pause): .success(.paused)
        case (.paused, .resume): .success(.running)
        case (.draft, .cancel), (.running, .cancel), (.paused, .cancel): .success(.cancelled)
        default: .failure(IllegalTransition(from: self, command: command))
        }
    }

    /// Uploads are accepted until the campaign can no longer send.
    public var acceptsRecipients: Bool {
        switch self {
        case .draft, .running, .paused: true
        case .completed, .cancelled: false
        }
    }

    public struct IllegalTransition: Error, Sendable, Hashable, CustomStringConvertible {
        public var from: CampaignState
        public var command: Command

        public var description: String { "cannot \(command.rawValue) a campaign that is \(from.rawValue)" }
    }
}
