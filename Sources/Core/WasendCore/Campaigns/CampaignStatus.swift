/// The lifecycle stage of a campaign, without the details that ``CampaignState`` carries.
public enum CampaignStatus: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case draft, scheduled, running, paused, completed, cancelled

    /// Completed and cancelled campaigns never change again.
    public var isFinal: Bool { self == .completed || self == .cancelled }

    public var description: String { rawValue }
}
