/// When a scheduled campaign may start sending.
public struct CampaignSchedule: Sendable, Hashable, Codable {
    /// `nil` starts the campaign as soon as it is scheduled.
    public var startAt: Timestamp?

    public init(startAt: Timestamp? = nil) {
        self.startAt = startAt
    }

    public func isDue(at now: Timestamp) -> Bool {
        startAt.map { $0 <= now } ?? true
    }

    private enum CodingKeys: String, CodingKey {
        case startAt = "start_at"
    }
}
