extension MessageSpec {
    /// The message for one recipient: every placeholder replaced by the recipient's variable.
    ///
    /// Enforces the Cloud API's limits that rendering can break (FACTS.md): a body text parameter
    /// at most 1,024 characters, a text body at most 4,096, and no empty parameter; lengths are
    /// counted in Unicode scalars. The first problem found is thrown.
    public func render(
        for recipient: PhoneNumber, variables: [String: String]
    ) throws(RenderError) -> MessageContent {
        let renderer = Renderer(recipient: recipient, variables: variables)
        switch self {
        case .text(let spec):
            let body = try renderer.render(spec.body, field: "text body", limit: TextMessage.maximumBodyLength)
            return .text(TextMessage(body: body, previewURL: spec.previewURL))
        case .template(let spec):
            let components = try spec.components.map { (component) throws(RenderError) in
                try renderer.render(component)
            }
            return .template(TemplateMessage(name: spec.name, languageCode: spec.languageCode, components: components))
        }
    }
}

/// Renders the parts of one message for one recipient.
private struct Renderer {
    let recipient: PhoneNumber
    let variables: [String: String]

    func render(_ component: TemplateComponentSpec) throws(RenderError) -> TemplateComponent {
        var parameters: [TemplateParameter] = []
        for (position, parameter) in component.parameters.enumerated() {
            let field =
                switch component.kind {
                case .button: "button \(component.buttonIndex ?? 0) parameter \(position + 1)"
                case .header, .body: "\(component.kind.rawValue) parameter \(position + 1)"
                }
            let textLimit = component.kind == .body ? TemplateParameter.maximumBodyTextLength : nil
            parameters.append(try render(parameter, field: field, textLimit: textLimit))
        }
        return TemplateComponent(
            kind: component.kind, buttonSubType: component.buttonSubType, buttonIndex: component.buttonIndex,
            parameters: parameters)
    }

    private func render(
        _ parameter: TemplateParameterSpec, field: String, textLimit: Int?
    ) throws(RenderError) -> TemplateParameter {
        switch parameter {
        case .text(let pattern):
            return .text(try render(pattern, field: field, limit: textLimit))
        case .payload(let pattern):
            return .payload(try render(pattern, field: field))
        case .dateTime(let fallback):
            return .dateTime(fallback: try render(fallback, field: field + " fallback"))
        case .currency(let fallback, let code, let amountPattern):
            let amountText = try render(amountPattern, field: field + " amount")
            guard let amount = Int64(amountText) else {
                throw RenderError(
                    recipient: recipient, field: field + " amount",
                    problem: .invalidAmount(variables: amountPattern.variableNames))
            }
            return .currency(
                fallback: try render(fallback, field: field + " fallback"),
                code: try render(code, field: field + " code"), amount1000: amount)
        case .image(let media):
            return .image(try render(media, field: field))
        case .document(let media):
            return .document(try render(media, field: field))
        case .video(let media):
            return .video(try render(media, field: field))
        }
    }

    private func render(_ media: MediaSpec, field: String) throws(RenderError) -> MediaReference {
        switch media {
        case .id(let pattern): .id(try render(pattern, field: field + " id"))
        case .link(let pattern): .link(try render(pattern, field: field + " link"))
        }
    }

    func render(_ pattern: TextPattern, field: String, limit: Int? = nil) throws(RenderError) -> String {
        let text: String
        switch pattern.render(variables) {
        case .success(let rendered):
            text = rendered
        case .failure(let missing):
            throw RenderError(recipient: recipient, field: field, problem: .missingVariable(missing.name))
        }
        guard !text.isEmpty else {
            throw RenderError(recipient: recipient, field: field, problem: .empty(variables: pattern.variableNames))
        }
        if let limit {
            let length = text.unicodeScalars.count
            guard length <= limit else {
                throw RenderError(
                    recipient: recipient, field: field,
                    problem: .tooLong(variables: pattern.variableNames, length: length, limit: limit))
            }
        }
        return text
    }
}
