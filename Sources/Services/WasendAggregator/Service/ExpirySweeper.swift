import Logging
import Metrics
import WasendCampaigns
import WasendCore

/// Every `sweepInterval`: turns messages sent and never delivered within the expiry into
/// `expired`, and completes the open campaigns whose jobs are all final (a campaign whose last
/// message expired has no webhook left to trigger the check). Several aggregators may sweep at
/// once: an expiry folds like any other observation, once.
struct ExpirySweeper: Sendable {
    let configuration: AggregatorConfiguration
    let store: DeliveryStore
    let folder: DeliveryFolder
    let supervisor: CampaignSupervisor
    let logger: Logger

    func run() async throws {
        while true {
            try await Task.sleep(for: configuration.sweepInterval)
            try await DependencyOutage(counterLabel: "wasend_aggregator_dependency_outages_total", logger: logger).retrying("expiry sweep") { try await sweep(now: .current) }
        }
    }

    func sweep(now: Timestamp) async throws {
        let campaigns = try await store.openCampaigns()
        guard !campaigns.isEmpty else { return }
        let due = try await store.dueExpiries(campaignIDs: campaigns, now: now, limit: configuration.maxExpiriesPerSweep)
        if !due.isEmpty {
            let outcome = try await folder.fold(expiries: due, now: now)
            logger.info("messages expired", metadata: ["count": "\(outcome.folded)"])
            Counter(label: "wasend_aggregator_expired_total").increment(by: Int64(outcome.folded))
        }
        try await supervisor.completeFinished(campaigns, now: now)
        try await store.closeCampaigns(campaigns)
    }
}
