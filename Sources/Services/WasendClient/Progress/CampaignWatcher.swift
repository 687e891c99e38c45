/// Polls campaigns until each is final (completed or cancelled), reporting each snapshot of them
/// together: the loop behind `wasend campaign watch` and `submit --watch`.
public struct CampaignWatcher: Sendable {
    public var client: CampaignClient
    public var interval: Duration

    public init(client: CampaignClient, interval: Duration = .seconds(1)) {
        self.client = client
        self.interval = interval
    }

    /// Calls `report` with each snapshot (the campaigns combined) and the meter's line; returns
    /// the final snapshot, or the last one seen when the task is cancelled.
    public func watch(
        campaignIDs: [String], report: (CampaignProgress, String) -> Void
    ) async throws(CampaignClientError) -> CampaignProgress {
        let clock = ContinuousClock()
        let start = clock.now
        var meter = ProgressMeter()
        while true {
            var parts: [CampaignProgress] = []
            for campaignID in campaignIDs { parts.append(try await client.progress(campaignID: campaignID)) }
            let progress = CampaignProgress(combining: parts)
            let elapsed = start.duration(to: clock.now)
            meter.record(progress, at: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            report(progress, meter.line(for: progress))
            if parts.allSatisfy(\.isFinal) || Task.isCancelled {
                return progress
            }
            try? await Task.sleep(for: interval)
        }
    }
}
