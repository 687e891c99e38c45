/// Rendered, ready-to-send content after per-recipient variables are applied.
///
/// Its JSON mirrors the Cloud API body (`{"type":"template","template":{…}}`), so a job on Kafka
/// reads like the request it becomes.
public enum MessageContent: Sendable, Hashable, Codable {
    case template(TemplateMessage)
    case text(TextMessage)

    private enum CodingKeys: String, CodingKey {
        case type, template, text
    }

    private enum Kind: String, Codable {
        case template, text
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Kind.self, forKey: .type) {
        case .template: self = .template(try container.decode(TemplateMessage.self, forKey: .template))
        case .text: self = .text(try container.decode(TextMessage.self, forKey: .text))
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
