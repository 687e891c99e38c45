extension Template {
    /// One template parameter, its strings of type `Text`.
    ///
    /// Encoded in the Cloud API's shape, `{"type":"text","text":"…"}`,
    /// `{"type":"currency","currency":{"fallback_value":"…","code":"EUR","amount_1000":1500}}`, and
    /// so on. A spec's text or payload parameter that is exactly one variable may say so directly,
    /// `{"type":"text","variable":"first_name"}`, and its `amount_1000` is a number or a pattern.
    public enum Parameter: Sendable, Hashable, Codable {
        /// Body text parameters are limited to ``maximumBodyTextLength`` characters.
        case text(Text)
        /// `amount1000` is the amount times 1,000 (EUR 1.50 is 1500).
        case currency(fallback: Text, code: Text, amount1000: Text.Amount)
        case dateTime(fallback: Text)
        case image(Media<Text>)
        case document(Media<Text>)
        case video(Media<Text>)
        /// The payload of a quick-reply button, echoed back when the user taps it.
        case payload(Text)

        /// The Cloud API's limit on a body text parameter, in characters.
        public static var maximumBodyTextLength: Int { 1024 }

        private enum CodingKeys: String, CodingKey {
            case type, text, variable, currency, image, document, video, payload
            case dateTime = "date_time"
        }

        private enum Kind: String, Codable {
            case text, currency, image, document, video, payload
            case dateTime = "date_time"
        }

        private struct Currency: Codable {
            var fallbackValue: Text
            var code: Text
            var amount1000: Text.Amount

            enum CodingKeys: String, CodingKey {
                case fallbackValue = "fallback_value"
                case code
                case amount1000 = "amount_1000"
            }

            init(fallbackValue: Text, code: Text, amount1000: Text.Amount) {
                self.fallbackValue = fallbackValue
                self.code = code
                self.amount1000 = amount1000
            }

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                fallbackValue = try container.decode(Text.self, forKey: .fallbackValue)
                code = try container.decode(Text.self, forKey: .code)
                amount1000 = try Text.decodeAmount(from: container, forKey: .amount1000)
            }
        }

        private struct DateTime: Codable {
            var fallbackValue: Text

            enum CodingKeys: String, CodingKey {
                case fallbackValue = "fallback_value"
            }
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            switch try container.decode(Kind.self, forKey: .type) {
            case .text:
                self = .text(try Text.decodeParameterValue(from: container, forKey: .text, variableKey: .variable))
            case .payload:
                self = .payload(
                    try Text.decodeParameterValue(from: container, forKey: .payload, variableKey: .variable))
            case .currency:
                let currency = try container.decode(Currency.self, forKey: .currency)
                self = .currency(fallback: currency.fallbackValue, code: currency.code, amount1000: currency.amount1000)
            case .dateTime:
                self = .dateTime(fallback: try container.decode(DateTime.self, forKey: .dateTime).fallbackValue)
            case .image:
                self = .image(try container.decode(Media<Text>.self, forKey: .image))
            case .document:
                self = .document(try container.decode(Media<Text>.self, forKey: .document))
            case .video:
                self = .video(try container.decode(Media<Text>.self, forKey: .video))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .text(let text):
                try container.encode(Kind.text, forKey: .type)
                try container.encode(text, forKey: .text)
            case .currency(let fallback, let code, let amount1000):
                try container.encode(Kind.currency, forKey: .type)
                try container.encode(
                    Currency(fallbackValue: fallback, code: code, amount1000: amount1000), forKey: .currency)
            case .dateTime(let fallback):
                try container.encode(Kind.dateTime, forKey: .type)
                try container.encode(DateTime(fallbackValue: fallback), forKey: .dateTime)
            case .image(let media):
                try container.encode(Kind.image, forKey: .type)
                try container.encode(media, forKey: .image)
            case .document(let media):
                try container.encode(Kind.document, forKey: .type)
                try container.encode(media, forKey: .document)
            case .video(let media):
                try container.encode(Kind.video, forKey: .type)
                try container.encode(media, forKey: .video)
            case .payload(let payload):
                try container.encode(Kind.payload, forKey: .type)
                try container.encode(payload, forKey: .payload)
            }
        }
    }
}

/// One filled-in template parameter.
public typealias TemplateParameter = Template<String>.Parameter
