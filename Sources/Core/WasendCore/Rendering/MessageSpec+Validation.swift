extension MessageSpec {
    /// Every structural problem of the spec, empty when it can be rendered for a recipient with
    /// the right variables. Checks what Meta would refuse for every recipient alike: missing names,
    /// buttons without a sub-type or an index in 0...9, sub-types on headers and bodies, and
    /// literal text already over its limit.
    public var problems: [MessageSpecProblem] {
        switch self {
        case .text(let text):
            Self.literalLengthProblem(text.body, limit: TextMessage.maximumBodyLength, field: "message.text.body")
                .map { [$0] } ?? []
        case .template(let template):
            Self.problems(of: template)
        }
    }

    private static func problems(of template: TemplateSpec) -> [MessageSpecProblem] {
        var problems: [MessageSpecProblem] = []
        if template.name.isEmpty {
            problems.append(.init(field: "message.template.name", code: "empty", message: "the template name is empty"))
        }
        if template.languageCode.isEmpty {
            problems.append(
                .init(field: "message.template.language_code", code: "empty", message: "the language code is empty"))
        }
        for (index, component) in template.components.enumerated() {
            let path = "message.template.components[\(index)]"
            switch component.kind {
            case .button:
                if component.buttonSubType == nil {
                    problems.append(
                        .init(
                            field: path + ".sub_type", code: "missing_button_sub_type",
                            message: "a button needs sub_type quick_reply or url"))
                }
                if let buttonIndex = component.buttonIndex {
                    if !(0...9).contains(buttonIndex) {
                        problems.append(
                            .init(
                                field: path + ".index", code: "invalid_button_index",
                                message: "a button index is 0 to 9, not \(buttonIndex)"))
                    }
                } else {
                    problems.append(
                        .init(field: path + ".index", code: "missing_button_index", message: "a button needs an index"))
                }
            case .header, .body:
                if component.buttonSubType != nil || component.buttonIndex != nil {
                    problems.append(
                        .init(
                            field: path, code: "unexpected_button_field",
                            message: "only buttons have sub_type and index"))
                }
            }
            guard component.kind == .body else { continue }
            for (position, parameter) in component.parameters.enumerated() {
                guard case .text(let pattern) = parameter,
                    let problem = literalLengthProblem(
                        pattern, limit: TemplateParameter.maximumBodyTextLength,
                        field: path + ".parameters[\(position)].text")
                else { continue }
                problems.append(problem)
            }
        }
        return problems
    }

    /// The text outside placeholders alone is already longer than `limit`: no recipient can fit.
    private static func literalLengthProblem(
        _ pattern: TextPattern, limit: Int, field: String
    ) -> MessageSpecProblem? {
        let literalLength = pattern.segments.reduce(0) { length, segment in
            if case .literal(let text) = segment { length + text.unicodeScalars.count } else { length }
        }
        guard literalLength > limit else { return nil }
        return MessageSpecProblem(
            field: field, code: "value_too_long",
            message: "the text is \(literalLength) characters long without its variables, more than the \(limit) allowed")
    }
}
