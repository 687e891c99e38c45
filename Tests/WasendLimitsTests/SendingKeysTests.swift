import Testing
import WasendCore

@Suite struct SendingKeysTests {
    @Test func limiterKeysShareThePortfolioSlotAndLedgerKeysTheCampaignSlot() {
        let job = JobID(rawValue: "j1")
        #expect(SendingKeys.throughput(portfolioID: "p", phoneNumberID: "n") == "wasend:portfolio:{p}:number:n:gcra")
        #expect(SendingKeys.recipients24h(portfolioID: "p").hasPrefix("wasend:portfolio:{p}:"))
        #expect(SendingKeys.ledgerEntry(campaignID: "c", jobID: job) == "wasend:campaign:{c}:job:j1")
        #expect(CampaignKeys.counters("c").hasPrefix("wasend:campaign:{c}:"))
    }
}
