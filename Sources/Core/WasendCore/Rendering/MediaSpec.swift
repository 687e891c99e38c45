/// A ``MediaReference`` whose id or link may depend on the recipient (`https://cdn/{{ticket}}.pdf`).
public enum MediaSpec: Sendable, Hashable, Codable {
    case id(TextPattern)
    case link(TextPattern)

    var pattern: TextPattern {
        switch self {
        case .id(let pattern), .link(let pattern): pattern
        }
    }

    private enum CodingKeys: String, CodingKey {
        case id, link
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let id = try container.decodeIfPresent(TextPattern.self, forKey: .id) {
            self = .id(id)
        } else {
            self = .link(try container.decode(TextPattern.self, forKey: .link))
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
