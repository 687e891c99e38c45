/// A free-form text message whose body may use per-recipient variables.
public struct TextSpec: Sendable, Hashable, Codable {
    public var body: TextPattern
    public var previewURL: Bool

    public init(body: TextPattern, previewURL: Bool = false) {
        self.body = body
        self.previewURL = previewURL
    }

    private enum CodingKeys: String, CodingKey {
        case body
        case previewURL = "preview_url"
    }
}
