/// The JSON body of `POST /{version}/{phone-number-id}/messages`, key for key.
///
/// Both sides use it: the sender writes it (``JSONWriter``, once per send, so not `Encodable`), the
/// simulator decodes it. String-typed fields (`type`,
/// parameter `type`) stay strings so that whatever a client sends can be decoded and judged; the
/// typed domain model lives in WasendCore and is mapped onto this by `CloudAPIRequestBuilder`.
public struct CloudAPIMessageRequest: Decodable, Hashable, Sendable {
    public var messagingProduct: String
    public var recipientType: String?
    /// The recipient's digits with country code.
    public var to: String
    /// `template`, `text`, `image`, `interactive`, …
    public var type: String
    public var template: Template?
    public var text: Text?
    /// Echoed by Meta in every status webhook of this message; Wasend puts the job id here.
    public var bizOpaqueCallbackData: String?

    public init(
        messagingProduct: String = "whatsapp",
        recipientType: String? = "individual",
        to: String,
        type: String,
        template: Template? = nil,
        text: Text? = nil,
        bizOpaqueCallbackData: String? = nil
    ) {
        self.messagingProduct = messagingProduct
        self.recipientType = recipientType
        self.to = to
        self.type = type
        self.template = template
        self.text = text
        self.bizOpaqueCallbackData = bizOpaqueCallbackData
    }

    enum CodingKeys: String, CodingKey {
        case messagingProduct = "messaging_product"
        case recipientType = "recipient_type"
        case to, type, template, text
        case bizOpaqueCallbackData = "biz_opaque_callback_data"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.messagingProduct = try container.decode(String.self, forKey: .messagingProduct)
        self.recipientType = try container.decodeIfPresent(String.self, forKey: .recipientType)
        // Some clients send the number as a JSON number; Graph accepts it.
        self.to = try container.decodeLenientString(forKey: .to)
        self.type = try container.decode(String.self, forKey: .type)
        self.template = try container.decodeIfPresent(Template.self, forKey: .template)
        self.text = try container.decodeIfPresent(Text.self, forKey: .text)
        self.bizOpaqueCallbackData = try container.decodeIfPresent(String.self, forKey: .bizOpaqueCallbackData)
    }
}

extension CloudAPIMessageRequest {
    /// A free-form text message (`type: text`).
    public struct Text: Decodable, Hashable, Sendable {
        public var body: String
        public var previewURL: Bool?

        public init(body: String, previewURL: Bool? = nil) {
            self.body = body
            self.previewURL = previewURL
        }

        enum CodingKeys: String, CodingKey {
            case body
            case previewURL = "preview_url"
        }
    }

    /// An approved template with its parameters (`type: template`).
    public struct Template: Decodable, Hashable, Sendable {
        public var name: String
        public var language: Language
        public var components: [Component]?

        public init(name: String, language: Language, components: [Component]? = nil) {
            self.name = name
            self.language = language
            self.components = components
        }

        public struct Language: Decodable, Hashable, Sendable {
            /// `en_US`, `pt_BR`, …
            public var code: String
            public var policy: String?

            public init(code: String, policy: String? = nil) {
                self.code = code
                self.policy = policy
            }
        }

        /// One `header`, `body` or `button` of the template.
        public struct Component: Decodable, Hashable, Sendable {
            /// `header`, `body` or `button`.
            public var type: String
            /// For buttons: `quick_reply` or `url`.
            public var subType: String?
            /// For buttons: the button's position, `"0"`…`"9"`.
            public var index: String?
            public var parameters: [Parameter]?

            public init(type: String, subType: String? = nil, index: String? = nil, parameters: [Parameter]? = nil) {
                self.type = type
                self.subType = subType
                self.index = index
                self.parameters = parameters
            }

            enum CodingKeys: String, CodingKey {
                case type
                case subType = "sub_type"
                case index, parameters
            }

            public init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                self.type = try container.decode(String.self, forKey: .type)
                self.subType = try container.decodeIfPresent(String.self, forKey: .subType)
                self.index = try container.decodeLenientStringIfPresent(forKey: .index)
                self.parameters = try container.decodeIfPresent([Parameter].self, forKey: .parameters)
            }
        }

        /// One parameter; `type` says which of the optional values is set.
        public struct Parameter: Decodable, Hashable, Sendable {
            /// `text`, `currency`, `date_time`, `image`, `document`, `video` or `payload`.
            public var type: String
            public var text: String?
            public var currency: Currency?
            public var dateTime: DateTime?
            public var image: Media?
            public var document: Media?
            public var video: Media?
            public var payload: String?

            public init(
                type: String,
                text: String? = nil,
                currency: Currency? = nil,
                dateTime: DateTime? = nil,
                image: Media? = nil,
                document: Media? = nil,
                video: Media? = nil,
                payload: String? = nil
            ) {
                self.type = type
                self.text = text
                self.currency = currency
                self.dateTime = dateTime
                self.image = image
                self.document = document
                self.video = video
                self.payload = payload
            }

            enum CodingKeys: String, CodingKey {
                case type, text, currency
                case dateTime = "date_time"
                case image, document, video, payload
            }
        }

        public struct Currency: Decodable, Hashable, Sendable {
            /// Shown when the client cannot format the amount itself.
            public var fallbackValue: String
            /// ISO 4217 code.
            public var code: String
            /// The amount times 1,000 (`1.5` USD is `1500`).
            public var amount1000: Int64

            public init(fallbackValue: String, code: String, amount1000: Int64) {
                self.fallbackValue = fallbackValue
                self.code = code
                self.amount1000 = amount1000
            }

            enum CodingKeys: String, CodingKey {
                case fallbackValue = "fallback_value"
                case code
                case amount1000 = "amount_1000"
            }
        }

        public struct DateTime: Decodable, Hashable, Sendable {
            public var fallbackValue: String

            public init(fallbackValue: String) {
                self.fallbackValue = fallbackValue
            }

            enum CodingKeys: String, CodingKey {
                case fallbackValue = "fallback_value"
            }
        }

        /// Media by uploaded `id` or by public `link`; exactly one should be set.
        public struct Media: Decodable, Hashable, Sendable {
            public var id: String?
            public var link: String?
            public var caption: String?
            public var filename: String?

            public init(id: String? = nil, link: String? = nil, caption: String? = nil, filename: String? = nil) {
                self.id = id
                self.link = link
                self.caption = caption
                self.filename = filename
            }
        }
    }
}
