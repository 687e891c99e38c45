/// A free-form text, its body of type `Text`; Meta accepts it only inside the recipient's 24 h
/// customer-service window.
public struct FreeformText<Text: MessageText>: Sendable, Hashable, Codable {
    /// The Cloud API's limit on `text.body`, in characters.
    public static var maximumBodyLength: Int { 4096 }

    public var body: Text
    public var previewURL: Bool

    public init(body: Text, previewURL: Bool = false) {
        self.body = body
        self.previewURL = previewURL
    }

    private enum CodingKeys: String, CodingKey {
        case body
        case previewURL = "preview_url"
    }
}

/// A free-form text as sent.
public typealias TextMessage = FreeformText<String>
