/// The body of a failed Graph call. Decisions branch on `code` (and `errorSubcode`), never on the
/// HTTP status or the message text.
public struct GraphErrorResponse: Codable, Hashable, Sendable {
    public var error: ErrorBody

    public init(error: ErrorBody) {
        self.error = error
    }

    public struct ErrorBody: Codable, Hashable, Sendable {
        public var message: String?
        /// `OAuthException`, `GraphMethodException`, …
        public var type: String?
        public var code: Int
        /// Deprecated by Meta since v16 but still seen.
        public var errorSubcode: Int?
        public var errorData: ErrorData?
        public var fbtraceID: String?
        /// Only on some management-API errors.
        public var isTransient: Bool?
        public var errorUserTitle: String?
        public var errorUserMsg: String?

        public init(
            message: String? = nil,
            type: String? = nil,
            code: Int,
            errorSubcode: Int? = nil,
            errorData: ErrorData? = nil,
            fbtraceID: String? = nil,
            isTransient: Bool? = nil,
            errorUserTitle: String? = nil,
            errorUserMsg: String? = nil
        ) {
            self.message = message
            self.type = type
            self.code = code
            self.errorSubcode = errorSubcode
            self.errorData = errorData
            self.fbtraceID = fbtraceID
            self.isTransient = isTransient
            self.errorUserTitle = errorUserTitle
            self.errorUserMsg = errorUserMsg
        }

        enum CodingKeys: String, CodingKey {
            case message, type, code
            case errorSubcode = "error_subcode"
            case errorData = "error_data"
            case fbtraceID = "fbtrace_id"
            case isTransient = "is_transient"
            case errorUserTitle = "error_user_title"
            case errorUserMsg = "error_user_msg"
        }
    }

    public struct ErrorData: Codable, Hashable, Sendable {
        public var messagingProduct: String?
        public var details: String?

        public init(messagingProduct: String? = "whatsapp", details: String? = nil) {
            self.messagingProduct = messagingProduct
            self.details = details
        }

        enum CodingKeys: String, CodingKey {
            case messagingProduct = "messaging_product"
            case details
        }
    }
}
