/// Polls a campaign until it is final (completed or cancelled), reporting each snapshot: the loop
/// behind `wasend campaign watch` and `submit --watch`.
public struct CampaignWatcher: Sendable {
    public var client: CampaignClient
    public var interval: Duration

    public init(client: CampaignClient, interval: Duration = .seconds(1)) {
        self.client = client
        self.interval = interval
    }

    /// Calls `report` with each snapshot and the meter's line; returns the final snapshot, or the
    /// last one seen when the task is cancelled.
    public func watch(
        campaignID: String, report: (CampaignProgress, String) -> Void
    ) async throws(CampaignClientError) -> CampaignProgress {
        let clock = ContinuousClock()
        let start = clock.now
        var meter = ProgressMeter()
        while true {
            let progress = try await client.progress(campaignID: campaignID)
            let elapsed = start.duration(to: clock.now)
            meter.record(progress, at: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            report(progress, meter.line(for: progress))
            if progress.isFinal || Task.isCancelled {
                return progress
            }
            try? await Task.sleep(for: interval)
        }
    }
}
