/// An approved template and how to fill its parameters for each recipient.
public struct TemplateSpec: Sendable, Hashable, Codable {
    public var name: String
    public var languageCode: String
    public var components: [TemplateComponentSpec]

    public init(name: String, languageCode: String, components: [TemplateComponentSpec] = []) {
        self.name = name
        self.languageCode = languageCode
        self.components = components
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case languageCode = "language_code"
        case components
    }
}
