/// An error inside a webhook: on a failed status, on an inbound message, or at value level.
public struct WebhookError: Codable, Hashable, Sendable {
    public var code: Int
    public var title: String?
    public var message: String?
    /// Older payloads put the details here rather than in `error_data`.
    public var details: String?
    public var errorData: ErrorData?
    public var href: String?

    public init(
        code: Int,
        title: String? = nil,
        message: String? = nil,
        details: String? = nil,
        errorData: ErrorData? = nil,
        href: String? = nil
    ) {
        self.code = code
        self.title = title
        self.message = message
        self.details = details
        self.errorData = errorData
        self.href = href
    }

    enum CodingKeys: String, CodingKey {
        case code, title, message, details
        case errorData = "error_data"
        case href
    }

    public struct ErrorData: Codable, Hashable, Sendable {
        public var details: String?

        public init(details: String? = nil) {
            self.details = details
        }
    }
}
