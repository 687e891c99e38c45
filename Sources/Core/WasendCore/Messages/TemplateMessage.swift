/// An approved template with its parameters filled in for one recipient.
public struct TemplateMessage: Sendable, Hashable, Codable {
    public var name: String
    /// A template is approved per language, e.g. `en_US`.
    public var languageCode: String
    public var components: [TemplateComponent]

    public init(name: String, languageCode: String, components: [TemplateComponent] = []) {
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
