import Logging
import Metrics
import WasendCampaigns
import WasendCore

/// Pauses a campaign whose failure rate crossed the threshold, through the one lifecycle write
/// path (Redis by compare-and-set, then `wasend.campaigns`), with reason `error_rate`.
struct CampaignAutoPause: Sendable {
    let store: any CampaignStore
    let lifecycle: CampaignLifecycle
    let logger: Logger

    func pause(campaignID: String, threshold: Double, window: Int) async {
        for _ in 0..<3 {
            do {
                guard let stored = try await store.campaign(id: campaignID),
                    stored.record.campaign.state == .running
                else { return }
                try await lifecycle.apply([.pause(.errorRate)], to: stored.record, at: .current)
                logger.warning(
                    "campaign paused: failure rate over threshold",
                    metadata: [
                        "campaign_id": "\(campaignID)", "threshold": "\(threshold)", "window": "\(window)",
                    ])
                Counter(label: "wasend_sender_campaign_auto_pauses_total").increment()
                return
            } catch is CampaignChangeConflict {
                continue
            } catch {
                logger.error("campaign auto-pause failed", metadata: ["campaign_id": "\(campaignID)", "error": "\(error)"])
                return
            }
        }
    }
}
