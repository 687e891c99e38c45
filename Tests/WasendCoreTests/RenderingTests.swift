import Testing
import WasendCore

@Suite("Message specs and rendering")
struct RenderingTests {
    let recipient = try! PhoneNumber(parsing: "+49 151 2345 6789")

    let orderShipped = MessageSpec.template(
        TemplateSpec(
            name: "order_shipped", languageCode: "en_US",
            components: [
                .header([.document(.link("https://cdn.example.com/{{order}}.pdf"))]),
                .body([
                    .text("{{first_name}}"),
                    .text("order {{ order }} ({{count}} items)"),
                    .currency(fallback: "€{{total}}", code: "EUR", amount1000: "{{total_1000}}"),
                    .dateTime(fallback: "{{eta}}"),
                ]),
                .button(.url, index: 0, [.text("track/{{order}}")]),
                .button(.quickReply, index: 1, [.payload("stop-{{order}}")]),
            ]))

    let variables = [
        "first_name": "Ada", "order": "A-17", "count": "3", "total": "12.50", "total_1000": "12500",
        "eta": "Tuesday",
    ]

    @Test("Patterns parse into literals and variables")
    func patterns() throws {
        let pattern = try TextPattern(parsing: "Hi {{first_name}}, {{ order.id }} is {x} {{first_name}}!")
        #expect(
            pattern.segments == [
                .literal("Hi "), .variable("first_name"), .literal(", "), .variable("order.id"),
                .literal(" is {x} "), .variable("first_name"), .literal("!"),
            ])
        #expect(pattern.variableNames == ["first_name", "order.id"])
        #expect(pattern.description == "Hi {{first_name}}, {{order.id}} is {x} {{first_name}}!")
        #expect(try TextPattern(parsing: "").segments.isEmpty)
        #expect(throws: TextPatternError.unterminatedPlaceholder(pattern: "Hi {{name")) {
            try TextPattern(parsing: "Hi {{name")
        }
        #expect(throws: TextPatternError.emptyVariableName(pattern: "Hi {{ }}")) { try TextPattern(parsing: "Hi {{ }}") }
        #expect(throws: TextPatternError.invalidVariableName("first name", pattern: "{{first name}}")) {
            try TextPattern(parsing: "{{first name}}")
        }
    }

    @Test("A template is rendered with the recipient's variables in every parameter kind")
    func renderTemplate() throws {
        let content = try orderShipped.render(for: recipient, variables: variables)
        let expected = MessageContent.template(
            TemplateMessage(
                name: "order_shipped", languageCode: "en_US",
                components: [
                    .header([.document(.link("https://cdn.example.com/A-17.pdf"))]),
                    .body([
                        .text("Ada"), .text("order A-17 (3 items)"),
                        .currency(fallback: "€12.50", code: "EUR", amount1000: 12500), .dateTime(fallback: "Tuesday"),
                    ]),
                    .button(.url, index: 0, [.text("track/A-17")]),
                    .button(.quickReply, index: 1, [.payload("stop-A-17")]),
                ]))
        #expect(content == expected)
        #expect(orderShipped.variableNames == ["order", "first_name", "count", "total", "total_1000", "eta"])
    }

    @Test("A missing variable names the variable, the field and the recipient")
    func missingVariable() {
        var incomplete = variables
        incomplete["count"] = nil
        let error = #expect(throws: RenderError.self) { try orderShipped.render(for: recipient, variables: incomplete) }
        #expect(error?.problem == .missingVariable("count"))
        #expect(error?.recipient == recipient)
        #expect(error?.field == "body parameter 2")
        #expect(error?.code == "missing_variable")
        #expect(error?.description == "recipient +4915123456789, body parameter 2: the variable {{count}} is missing")
    }

    @Test("Body text parameters may have 1,024 characters, not one more")
    func bodyParameterLimit() throws {
        var values = variables
        values["first_name"] = String(repeating: "é", count: 1024)
        #expect(throws: Never.self) { try orderShipped.render(for: recipient, variables: values) }
        values["first_name"] = String(repeating: "é", count: 1025)
        let error = #expect(throws: RenderError.self) { try orderShipped.render(for: recipient, variables: values) }
        #expect(error?.problem == .tooLong(variables: ["first_name"], length: 1025, limit: 1024))
        #expect(error?.field == "body parameter 1")
        #expect(error?.description.contains("{{first_name}}") == true)
        #expect(error?.description.contains("+4915123456789") == true)
    }

    @Test("The limit counts the rendered parameter, literals included")
    func limitCountsLiterals() {
        var values = variables
        values["order"] = String(repeating: "9", count: 1024 - "order  ( items)".count)
        values["count"] = "1"
        let error = #expect(throws: RenderError.self) { try orderShipped.render(for: recipient, variables: values) }
        #expect(error?.problem == .tooLong(variables: ["order", "count"], length: 1025, limit: 1024))
    }

    @Test("A text body may have 4,096 characters, not one more")
    func textBodyLimit() throws {
        let spec = MessageSpec.text(TextSpec(body: "Hi {{name}}", previewURL: true))
        let fits = String(repeating: "x", count: 4093)
        #expect(
            try spec.render(for: recipient, variables: ["name": fits])
                == .text(TextMessage(body: "Hi " + fits, previewURL: true)))
        let error = #expect(throws: RenderError.self) {
            try spec.render(for: recipient, variables: ["name": fits + "x"])
        }
        #expect(error?.problem == .tooLong(variables: ["name"], length: 4097, limit: 4096))
        #expect(error?.field == "text body")
    }

    @Test("Empty values and amounts that are not integers are refused")
    func emptyAndInvalid() {
        var values = variables
        values["eta"] = ""
        let empty = #expect(throws: RenderError.self) { try orderShipped.render(for: recipient, variables: values) }
        #expect(empty?.problem == .empty(variables: ["eta"]))
        #expect(empty?.field == "body parameter 4 fallback")

        values = variables
        values["total_1000"] = "12.5"
        let amount = #expect(throws: RenderError.self) { try orderShipped.render(for: recipient, variables: values) }
        #expect(amount?.problem == .invalidAmount(variables: ["total_1000"]))
        #expect(amount?.code == "invalid_amount")
    }
}

@Suite("Message spec validation")
struct MessageSpecValidationTests {
    @Test("A well-formed spec has no problems")
    func valid() {
        let spec = MessageSpec.template(
            TemplateSpec(
                name: "welcome", languageCode: "en",
                components: [.body([.text("{{name}}")]), .button(.quickReply, index: 9, [.payload("stop")])]))
        #expect(spec.problems.isEmpty)
        #expect(MessageSpec.text(TextSpec(body: "Hi {{name}}")).problems.isEmpty)
    }

    @Test("Structural problems name the field and give a code")
    func problems() {
        let spec = MessageSpec.template(
            TemplateSpec(
                name: "", languageCode: "en",
                components: [
                    TemplateComponentSpec(kind: .body, buttonIndex: 1, parameters: [.text(TextPattern(segments: [.literal(String(repeating: "x", count: 1025))]))]),
                    TemplateComponentSpec(kind: .button, parameters: []),
                    .button(.url, index: 10, []),
                ]))
        #expect(
            spec.problems.map { [$0.field, $0.code] } == [
                ["message.template.name", "empty"],
                ["message.template.components[0]", "unexpected_button_field"],
                ["message.template.components[0].parameters[0].text", "value_too_long"],
                ["message.template.components[1].sub_type", "missing_button_sub_type"],
                ["message.template.components[1].index", "missing_button_index"],
                ["message.template.components[2].index", "invalid_button_index"],
            ])
        let text = MessageSpec.text(TextSpec(body: TextPattern(segments: [.literal(String(repeating: "x", count: 4097))])))
        #expect(text.problems.map(\.code) == ["value_too_long"])
        #expect(text.problems.first?.description.hasPrefix("message.text.body: ") == true)
    }
}
