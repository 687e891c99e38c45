import Testing
import WasendCore

@Suite("Planning a campaign's jobs")
struct PlanningTests {
    let campaign = Campaign(
        id: "welcome", name: "Welcome", phoneNumberID: "106540352242922", portfolioID: "102290129340398",
        category: .utility,
        message: .template(TemplateSpec(name: "welcome", languageCode: "en", components: [.body([.text("{{name}}")])])),
        schedule: CampaignSchedule(startAt: Timestamp(millisecondsSinceEpoch: 5000)))

    @Test("A valid, opted-in recipient becomes a job with a deterministic id")
    func job() throws {
        let recipient = Recipient(phone: "+44 7911 123456", variables: ["name": "Ada"], optedIn: true)
        let job = try campaign.job(for: recipient).get()
        let phone = try PhoneNumber(e164Digits: "447911123456")
        #expect(job.jobID == JobID(campaignID: "welcome", recipient: phone))
        #expect(job.recipient == phone)
        #expect(job.campaignID == "welcome")
        #expect(job.phoneNumberID == "106540352242922")
        #expect(job.portfolioID == "102290129340398")
        #expect(job.category == .utility)
        #expect(job.attempt == 1)
        #expect(job.notBefore == Timestamp(millisecondsSinceEpoch: 5000))
        #expect(
            job.message
                == .template(TemplateMessage(name: "welcome", languageCode: "en", components: [.body([.text("Ada")])])))
        // The same person typed differently is the same job.
        let again = Recipient(phone: "0044 (7911) 123-456", variables: ["name": "Ada L."], optedIn: true)
        #expect(try campaign.job(for: again).get().jobID == job.jobID)
    }

    @Test("Rejections say why: bad number, no opt-in, missing variable")
    func rejections() {
        let badNumber = campaign.job(for: Recipient(phone: "07911 123456", variables: ["name": "A"], optedIn: true))
        #expect(badNumber.failure == .invalidPhoneNumber(.missingCountryCode))
        #expect(badNumber.failure?.code == "missing_country_code")

        let notOptedIn = campaign.job(for: Recipient(phone: "+447911123456", variables: ["name": "A"], optedIn: false))
        #expect(notOptedIn.failure == .notOptedIn)

        let missing = campaign.job(for: Recipient(phone: "+447911123456", optedIn: true))
        #expect(missing.failure?.code == "missing_variable")
        #expect(missing.failure?.description.contains("{{name}}") == true)
    }
}

extension Result {
    fileprivate var failure: Failure? {
        if case .failure(let error) = self { error } else { nil }
    }
}
