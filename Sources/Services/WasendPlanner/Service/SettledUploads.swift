import Synchronization
import WasendCampaigns

/// The uploads whose marker the planner has read from Redis, shared by its lanes.
///
/// An upload commits or aborts once, for good, so its status never needs reading again: every
/// batch of a committed upload was a Redis round trip before the screening, which queued
/// behind the other lane's screening script. At most `capacity` uploads are kept; when it is
/// reached the cache starts afresh, costing one read per upload in use.
final class SettledUploads: Sendable {
    private struct Upload: Hashable {
        var campaignID: String
        var uploadID: String
    }

    private let statuses = Mutex<[Upload: UploadStatus]>([:])
    private let capacity: Int

    init(capacity: Int = 4_096) {
        self.capacity = capacity
    }

    func status(campaignID: String, uploadID: String) -> UploadStatus? {
        statuses.withLock { $0[Upload(campaignID: campaignID, uploadID: uploadID)] }
    }

    func record(_ status: UploadStatus, campaignID: String, uploadID: String) {
        statuses.withLock { statuses in
            if statuses.count >= capacity { statuses.removeAll(keepingCapacity: true) }
            statuses[Upload(campaignID: campaignID, uploadID: uploadID)] = status
        }
    }
}
