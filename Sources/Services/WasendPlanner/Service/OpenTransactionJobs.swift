import Synchronization

/// The jobs of each campaign in the lanes' open transactions, not yet in the Redis counters,
/// shared by the ``ExpansionLane``s of one planner.
///
/// A lane reserves a batch's recipients before it expands them, in one step with the check
/// against the campaign's backlog bound: two lanes checking at the same time would otherwise
/// each see room for one more batch and overshoot the bound by a batch per lane.
final class OpenTransactionJobs: Sendable {
    private let reserved = Mutex<[String: Int64]>([:])

    /// Reserves `count` jobs of the campaign and returns true, unless `queued` (from the Redis
    /// counters) and what the lanes hold already reach `bound`.
    func reserve(_ count: Int64, campaignID: String, queued: Int64, bound: Int64) -> Bool {
        reserved.withLock { reserved in
            guard queued + reserved[campaignID, default: 0] < bound else { return false }
            reserved[campaignID, default: 0] += count
            return true
        }
    }

    /// Gives back jobs that were reserved: those a batch did not produce, or those of a
    /// committed transaction, now in the Redis counters.
    func release(_ count: Int64, campaignID: String) {
        reserved.withLock { reserved in
            let left = reserved[campaignID, default: 0] - count
            reserved[campaignID] = left > 0 ? left : nil
        }
    }
}
