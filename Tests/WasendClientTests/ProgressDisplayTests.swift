import Testing
import WasendClient

@Suite("Progress line and summary table")
struct ProgressDisplayTests {
    private func progress(settled accepted: Int64, state: String = "running") -> CampaignProgress {
        var counters = CampaignProgress.Counters()
        counters.planned = 900
        counters.accepted = accepted
        counters.skipped = ["invalid_phone": 60, "no_opt_in": 40]
        counters.failed = ["131026": 0]
        return CampaignProgress(id: "cmp_1", name: "Spring", state: state, recipientsReceived: 1_000, counters: counters)
    }

    @Test("the rate follows the settled recipients and the ETA what is left at that rate")
    func rateAndETA() {
        var meter = ProgressMeter()
        meter.record(progress(settled: 100), at: 0)
        meter.record(progress(settled: 300), at: 2)
        #expect(meter.rate == 100)
        let line = meter.line(for: progress(settled: 300), width: 10)
        #expect(line.hasPrefix("[####......]  40%"))
        #expect(line.contains("100/s ETA 0:06 running"))
    }

    @Test("the summary lists every breakdown with its total")
    func summary() {
        let table = SummaryTable.render(progress(settled: 900, state: "completed"))
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("skipped") && $0.hasSuffix(" 100") })
        #expect(lines.contains { $0.hasPrefix("  invalid_phone") && $0.hasSuffix(" 60") })
        #expect(lines.contains { $0.hasPrefix("accepted by Meta") && $0.hasSuffix(" 900") })
        #expect(lines.contains { $0.hasPrefix("state") && $0.hasSuffix("completed") })
    }

    @Test("campaigns split across numbers add up as one, and name each state they are in")
    func combined() {
        var paused = progress(settled: 200, state: "paused")
        paused.id = "cmp_2"
        paused.pauseReason = "error_rate"
        paused.counters.deferred = ["pair_rate": 3]
        let combined = CampaignProgress(combining: [progress(settled: 900, state: "completed"), paused])
        #expect(combined.id == "2 campaigns")
        #expect(combined.name == "Spring and 1 more")
        #expect(combined.state == "completed+paused")
        #expect(combined.pauseReason == "cmp_2: error_rate")
        #expect(combined.recipientsReceived == 2_000)
        #expect(combined.counters.accepted == 1_100)
        #expect(combined.counters.planned == 1_800)
        #expect(combined.counters.skipped == ["invalid_phone": 120, "no_opt_in": 80])
        #expect(combined.counters.deferred == ["pair_rate": 3])
        #expect(!combined.isFinal)
        #expect(CampaignProgress(combining: [paused]) == paused)
    }
}
