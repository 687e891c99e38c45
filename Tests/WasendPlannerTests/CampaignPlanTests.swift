import Testing
import WasendAPI
import WasendCore
import WasendPlanner

@Suite struct CampaignPlanTests {
    @Test func rendersTheCampaignsTemplate() throws {
        let plan = CampaignPlan(record: try PlannerTestEnvironment.campaign())
        let message = try plan.message.render(for: try PhoneNumber(e164Digits: "491512345678"), variables: ["name": "Ada"])
        guard case .template(let template) = message else {
            Issue.record("expected a template, got \(message)")
            return
        }
        #expect(template.name == "order_update")
        #expect(template.languageCode == "en_US")
        #expect(template.components[0].parameters == [.text("Hello Ada"), .text("fixed")])
        #expect(template.components[1].parameters == [.payload("stop-Ada")])
        #expect(template.components[1].buttonSubType == .quickReply)
        #expect(plan.portfolioID == PlannerTestEnvironment.portfolioID)
    }

    @Test func rendersTexts() throws {
        let plan = CampaignPlan(record: try PlannerTestEnvironment.campaign(text: "Hi {{first}}, {{first}}!"))
        let message = try plan.message.render(for: try PhoneNumber(e164Digits: "491512345678"), variables: ["first": "Bo"])
        #expect(message == .text(TextMessage(body: "Hi Bo, Bo!")))
    }
}
