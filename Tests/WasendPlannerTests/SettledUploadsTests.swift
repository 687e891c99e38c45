import Testing
import WasendCampaigns

@testable import WasendPlanner

@Suite("The planner's cache of settled uploads")
struct SettledUploadsTests {
    @Test func anUploadIsKnownOnlyOnceRecordedAndOnlyForItsCampaign() {
        let uploads = SettledUploads()
        #expect(uploads.status(campaignID: "cmp_a", uploadID: "upl_1") == nil)
        uploads.record(.committed(batches: 3), campaignID: "cmp_a", uploadID: "upl_1")
        uploads.record(.aborted, campaignID: "cmp_a", uploadID: "upl_2")
        #expect(uploads.status(campaignID: "cmp_a", uploadID: "upl_1") == .committed(batches: 3))
        #expect(uploads.status(campaignID: "cmp_a", uploadID: "upl_2") == .aborted)
        #expect(uploads.status(campaignID: "cmp_b", uploadID: "upl_1") == nil, "another campaign's upload of the same id")
    }

    @Test func theCacheStartsAfreshAtItsCapacityAndNeverHoldsMore() {
        let uploads = SettledUploads(capacity: 2)
        uploads.record(.committed(batches: 1), campaignID: "cmp", uploadID: "upl_1")
        uploads.record(.committed(batches: 2), campaignID: "cmp", uploadID: "upl_2")
        uploads.record(.committed(batches: 3), campaignID: "cmp", uploadID: "upl_3")
        #expect(uploads.status(campaignID: "cmp", uploadID: "upl_1") == nil)
        #expect(uploads.status(campaignID: "cmp", uploadID: "upl_2") == nil)
        #expect(uploads.status(campaignID: "cmp", uploadID: "upl_3") == .committed(batches: 3))
    }
}
