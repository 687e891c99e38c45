import WasendAPI
import WasendCore

extension CampaignSpec {
    /// The campaign's message as core renders it: `{{variable}}` references in template texts,
    /// payloads and the free-form text become patterns; every other value stays literal.
    func messageSpec() throws(CampaignPlan.Problem) -> MessageSpec {
        if let template {
            let components = try template.components.map { (component) throws(CampaignPlan.Problem) in
                TemplateComponentSpec(
                    kind: component.kind, buttonSubType: component.buttonSubType, buttonIndex: component.buttonIndex,
                    parameters: try component.parameters.map(Self.parameterSpec))
            }
            return .template(WasendCore.TemplateSpec(name: template.name, languageCode: template.language, components: components))
        }
        guard let text else { throw .noMessage }
        return .text(TextSpec(body: try Self.pattern(text)))
    }

    private static func parameterSpec(_ parameter: TemplateParameter) throws(CampaignPlan.Problem) -> TemplateParameterSpec {
        switch parameter {
        case .text(let text): return .text(try pattern(text))
        case .payload(let payload): return .payload(try pattern(payload))
        case .currency(let fallback, let code, let amount1000):
            return .currency(
                fallback: literal(fallback), code: literal(code), amount1000: literal(String(amount1000)))
        case .dateTime(let fallback): return .dateTime(fallback: literal(fallback))
        case .image(let media): return .image(mediaSpec(media))
        case .document(let media): return .document(mediaSpec(media))
        case .video(let media): return .video(mediaSpec(media))
        }
    }

    private static func pattern(_ text: String) throws(CampaignPlan.Problem) -> TextPattern {
        do {
            return try TextPattern(parsing: text)
        } catch {
            throw .invalidPattern("\(error)")
        }
    }

    private static func literal(_ text: String) -> TextPattern {
        TextPattern(segments: [.literal(text)])
    }

    private static func mediaSpec(_ media: MediaReference) -> MediaSpec {
        switch media {
        case .id(let id): .id(literal(id))
        case .link(let link): .link(literal(link))
        }
    }
}
