import Testing
import WasendCore
import WasendPlanner

@Suite struct MessageRendererTests {
    @Test func fillsTemplateTextsAndPayloadsAndLeavesOtherParameters() throws {
        let renderer = try #require(MessageRenderer(spec: try PlannerTestEnvironment.campaign().spec))
        let message = try renderer.render(["name": "Ada"])
        guard case .template(let template) = message else {
            Issue.record("expected a template, got \(message)")
            return
        }
        #expect(template.name == "order_update")
        #expect(template.languageCode == "en_US")
        #expect(template.components[0].parameters == [.text("Hello Ada"), .text("fixed")])
        #expect(template.components[1].parameters == [.payload("stop-Ada")])
        #expect(template.components[1].buttonSubType == .quickReply)
    }

    @Test func namesTheMissingVariable() throws {
        let renderer = try #require(MessageRenderer(spec: try PlannerTestEnvironment.campaign().spec))
        #expect(throws: RenderError.missingVariable(name: "name")) { try renderer.render(["other": "x"]) }
    }

    @Test func rendersTextsAndRefusesTooLongResults() throws {
        let spec = try PlannerTestEnvironment.campaign(text: "Hi {{ first }}, {{first}}!").spec
        let renderer = try #require(MessageRenderer(spec: spec))
        #expect(try renderer.render(["first": "Bo"]) == .text(TextMessage(body: "Hi Bo, Bo!")))
        let long = String(repeating: "x", count: TextMessage.maximumBodyLength)
        #expect(throws: RenderError.textTooLong(field: "text", limit: TextMessage.maximumBodyLength)) {
            try renderer.render(["first": long])
        }
    }
}
