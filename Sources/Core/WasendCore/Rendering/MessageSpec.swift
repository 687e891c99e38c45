/// What a campaign sends, before per-recipient variables are applied.
///
/// Encoded like ``MessageContent`` (`{"type":"template","template":{…}}`), with
/// ``TextPattern``s where the content has strings.
public enum MessageSpec: Sendable, Hashable, Codable {
    case template(TemplateSpec)
    case text(TextSpec)

    /// Every variable the spec uses, in order of first use: a recipient must supply all of them.
    public var variableNames: [String] {
        var seen = Set<String>()
        let patterns: [TextPattern] =
            switch self {
            case .template(let template): template.components.flatMap { $0.parameters.flatMap(\.patterns) }
            case .text(let text): [text.body]
            }
        return patterns.flatMap(\.variableNames).filter { seen.insert($0).inserted }
    }

    private enum CodingKeys: String, CodingKey {
        case type, template, text
    }

    private enum Kind: String, Codable {
        case template, text
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Kind.self, forKey: .type) {
        case .template: self = .template(try container.decode(TemplateSpec.self, forKey: .template))
        case .text: self = .text(try container.decode(TextSpec.self, forKey: .text))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .template(let template):
            try container.encode(Kind.template, forKey: .type)
            try container.encode(template, forKey: .template)
        case .text(let text):
            try container.encode(Kind.text, forKey: .type)
            try container.encode(text, forKey: .text)
        }
    }
}
