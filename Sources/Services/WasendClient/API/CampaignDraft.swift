/// The body of `POST /v1/campaigns` for a template campaign whose body parameters come from the
/// recipients' variables (`{{first_name}}` names the file's `first_name` column).
public struct CampaignDraft: Sendable, Encodable {
    public var name: String
    /// The sender's phone number id.
    public var from: String
    /// `MARKETING`, `UTILITY` or `AUTHENTICATION`.
    public var category: String
    public var templateName: String
    public var languageCode: String
    /// Body parameters in order, each a text pattern such as `{{first_name}}`.
    public var bodyParameters: [String]

    public init(
        name: String, from: String, category: String, templateName: String, languageCode: String,
        bodyParameters: [String]
    ) {
        self.name = name
        self.from = from
        self.category = category
        self.templateName = templateName
        self.languageCode = languageCode
        self.bodyParameters = bodyParameters
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(name, forKey: "name")
        try container.encode(from, forKey: "from")
        try container.encode(category, forKey: "category")
        var template = container.nestedContainer(keyedBy: Key.self, forKey: "template")
        try template.encode(templateName, forKey: "name")
        try template.encode(languageCode, forKey: "language_code")
        var components = template.nestedUnkeyedContainer(forKey: "components")
        if !bodyParameters.isEmpty {
            var body = components.nestedContainer(keyedBy: Key.self)
            try body.encode("body", forKey: "type")
            var parameters = body.nestedUnkeyedContainer(forKey: "parameters")
            for text in bodyParameters {
                var parameter = parameters.nestedContainer(keyedBy: Key.self)
                try parameter.encode("text", forKey: "type")
                try parameter.encode(text, forKey: "text")
            }
        }
    }

    private struct Key: CodingKey, ExpressibleByStringLiteral {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
        init(stringLiteral value: String) { self.stringValue = value }
    }
}
