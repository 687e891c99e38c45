/// An approved template and its parameters, their strings of type `Text`: filled in for one
/// recipient (``TemplateMessage``) or to be filled for each recipient (``TemplateSpec``).
public struct Template<Text: MessageText>: Sendable, Hashable, Codable {
    public var name: String
    /// A template is approved per language, e.g. `en_US`.
    public var languageCode: String
    public var components: [Component]

    public init(name: String, languageCode: String, components: [Component] = []) {
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

/// An approved template with its parameters filled in for one recipient.
public typealias TemplateMessage = Template<String>
