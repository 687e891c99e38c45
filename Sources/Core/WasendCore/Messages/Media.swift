/// Media for a template header, its id or link of type `Text`: either uploaded to Meta (`id`) or
/// fetched by Meta from a URL (`link`).
///
/// Encoded as `{"id":"…"}` or `{"link":"…"}`, the Cloud API's own shape.
public enum Media<Text: MessageText>: Sendable, Hashable, Codable {
    case id(Text)
    case link(Text)

    private enum CodingKeys: String, CodingKey {
        case id, link
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let id = try container.decodeIfPresent(Text.self, forKey: .id) {
            self = .id(id)
        } else {
            self = .link(try container.decode(Text.self, forKey: .link))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .id(let id): try container.encode(id, forKey: .id)
        case .link(let link): try container.encode(link, forKey: .link)
        }
    }
}

/// Media uploaded to Meta or at a URL, as sent.
public typealias MediaReference = Media<String>
