/// A free-form text; Meta accepts it only inside the recipient's 24 h customer-service window.
public struct TextMessage: Sendable, Hashable, Codable {
    /// The Cloud API's limit on `text.body`, in characters.
    public static let maximumBodyLength = 4096

    public var body: String
    public var previewURL: Bool

    public init(body: String, previewURL: Bool = false) {
        self.body = body
        self.previewURL = previewURL
    }

    private enum CodingKeys: String, CodingKey {
        case body
        case previewURL = "preview_url"
    }
}
