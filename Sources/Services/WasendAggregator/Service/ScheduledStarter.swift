import Logging
import WasendCampaigns
import WasendCore

/// Every `scheduleCheckInterval`: starts the scheduled campaigns whose `start_at` has come
/// (``CampaignSupervisor/startDue(now:)``). It looks in the campaign directory, in memory, so it
/// can look often: a campaign starts within that interval of its time, not of the expiry sweep's.
struct ScheduledStarter: Sendable {
    let configuration: AggregatorConfiguration
    let supervisor: CampaignSupervisor
    let logger: Logger

    func run() async throws {
        let outage = DependencyOutage(counterLabel: "wasend_aggregator_dependency_outages_total", logger: logger)
        while true {
            try await Task.sleep(for: configuration.scheduleCheckInterval)
            try await outage.retrying("scheduled starts") { try await supervisor.startDue(now: .current) }
        }
    }
}
