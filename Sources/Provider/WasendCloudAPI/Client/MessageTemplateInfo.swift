/// One template as `GET /{waba-id}/message_templates` lists it: enough to check that a campaign's
/// template exists, is approved in its language, and what category it will be billed as.
public struct MessageTemplateInfo: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var language: String
    /// `APPROVED`, `PENDING`, `REJECTED`, `PAUSED`, `DISABLED`, …
    public var status: String
    /// `MARKETING`, `UTILITY`, `AUTHENTICATION`.
    public var category: String?
    public var components: [Component]?

    public init(
        id: String, name: String, language: String, status: String, category: String? = nil,
        components: [Component]? = nil
    ) {
        self.id = id
        self.name = name
        self.language = language
        self.status = status
        self.category = category
        self.components = components
    }

    public struct Component: Codable, Hashable, Sendable {
        /// `HEADER`, `BODY`, `FOOTER`, `BUTTONS`.
        public var type: String
        /// For headers: `TEXT`, `IMAGE`, `VIDEO`, `DOCUMENT`, `LOCATION`.
        public var format: String?
        /// The text with its `{{1}}`-style placeholders.
        public var text: String?
        public var buttons: [Button]?

        public init(type: String, format: String? = nil, text: String? = nil, buttons: [Button]? = nil) {
            self.type = type
            self.format = format
            self.text = text
            self.buttons = buttons
        }
    }

    public struct Button: Codable, Hashable, Sendable {
        /// `QUICK_REPLY`, `URL`, `PHONE_NUMBER`, …
        public var type: String
        public var text: String?
        public var url: String?

        public init(type: String, text: String? = nil, url: String? = nil) {
            self.type = type
            self.text = text
            self.url = url
        }
    }
}
