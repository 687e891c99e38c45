import Synchronization
import WasendCore

/// The latest version of every campaign seen on `wasend.campaigns`, shared between the task
/// that follows the topic (``CampaignFollower``) and the tasks that look campaigns up: the
/// planner's expansion, the aggregator's webhook actions.
///
/// It grows with the number of campaigns, never with their size.
public final class CampaignDirectory: Sendable {
    private let records = Mutex<[String: CampaignRecord]>([:])

    public init() {}

    /// Keeps `record` unless a higher version of the campaign is already known (the topic is
    /// compacted and may be replayed, so versions can arrive out of order across restarts).
    public func update(_ record: CampaignRecord) {
        records.withLock { records in
            if let known = records[record.id], known.version >= record.version { return }
            records[record.id] = record
        }
    }

    public func campaign(id: String) -> CampaignRecord? {
        records.withLock { $0[id] }
    }

    /// Ids of the known campaigns that satisfy `isIncluded`, sorted.
    public func campaignIDs(where isIncluded: (CampaignRecord) -> Bool) -> [String] {
        records.withLock { records in records.values.filter(isIncluded).map(\.id) }.sorted()
    }
}
