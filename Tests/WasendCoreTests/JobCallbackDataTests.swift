import Testing
import WasendCore

@Suite("biz_opaque_callback_data")
struct JobCallbackDataTests {
    static let job = JobID(rawValue: "j0123456789abcdef0123456789abcdef")

    @Test func carriesTheCampaignAndTheJob() {
        let data = JobCallbackData(jobID: Self.job, campaignID: "cmp_8f2a")
        #expect(data.encoded == "cmp_8f2a/j0123456789abcdef0123456789abcdef")
        #expect(JobCallbackData(parsing: data.encoded) == data)
    }

    @Test func theLastSlashSeparatesACampaignIDThatHoldsSlashes() {
        let data = JobCallbackData(jobID: Self.job, campaignID: "tenant/spring/2026")
        #expect(JobCallbackData(parsing: data.encoded) == data)
    }

    @Test func aBareJobIDReadsWithoutACampaign() {
        #expect(JobCallbackData(parsing: "j1") == JobCallbackData(jobID: JobID(rawValue: "j1"), campaignID: nil))
        #expect(JobCallbackData(parsing: "/j1") == JobCallbackData(jobID: JobID(rawValue: "/j1"), campaignID: nil))
        #expect(JobCallbackData(parsing: "c/") == JobCallbackData(jobID: JobID(rawValue: "c/"), campaignID: nil))
        #expect(JobCallbackData(parsing: "") == nil)
    }

    @Test func aCampaignIDTooLongForMetaIsLeftOut() {
        let campaignID = String(repeating: "c", count: JobCallbackData.maximumLength)
        let data = JobCallbackData(jobID: Self.job, campaignID: campaignID)
        #expect(data.encoded == Self.job.rawValue)
        let longest = String(repeating: "c", count: JobCallbackData.maximumLength - 1 - Self.job.rawValue.count)
        #expect(JobCallbackData(jobID: Self.job, campaignID: longest).encoded.count == JobCallbackData.maximumLength)
    }
}
