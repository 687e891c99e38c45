/// A message's content, its strings of type `Text`: a ``MessageContent`` ready to send, or a
/// campaign's ``MessageSpec`` before per-recipient variables are applied.
///
/// Its JSON mirrors the Cloud API body (`{"type":"template","template":{…}}`), so a job on Kafka
/// reads like the request it becomes, and a spec reads like the messages it renders to.
public enum Message<Text: MessageText>: Sendable, Hashable, Codable {
    case template(Template<Text>)
    case text(FreeformText<Text>)

    private enum CodingKeys: String, CodingKey {
        case type, template, text
    }

    private enum Kind: String, Codable {
        case template, text
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Kind.self, forKey: .type) {
        case .template: self = .template(try container.decode(Template<Text>.self, forKey: .template))
        case .text: self = .text(try container.decode(FreeformText<Text>.self, forKey: .text))
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

/// Rendered, ready-to-send content after per-recipient variables are applied.
public typealias MessageContent = Message<String>
