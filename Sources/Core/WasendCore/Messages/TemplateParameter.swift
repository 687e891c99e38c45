/// One filled-in template parameter.
///
/// Encoded in the Cloud API's shape, `{"type":"text","text":"…"}`,
/// `{"type":"currency","currency":{"fallback_value":"…","code":"EUR","amount_1000":1500}}`, and so on.
public enum TemplateParameter: Sendable, Hashable, Codable {
    /// Body text parameters are limited to ``maximumBodyTextLength`` characters.
    case text(String)
    /// `amount1000` is the amount times 1,000 (EUR 1.50 is 1500).
    case currency(fallback: String, code: String, amount1000: Int64)
    case dateTime(fallback: String)
    case image(MediaReference)
    case document(MediaReference)
    case video(MediaReference)
    /// The payload of a quick-reply button, echoed back when the user taps it.
    case payload(String)

    /// The Cloud API's limit on a body text parameter, in characters.
    public static let maximumBodyTextLength = 1024

    private enum CodingKeys: String, CodingKey {
        case type, text, currency, image, document, video, payload
        case dateTime = "date_time"
    }

    private enum Kind: String, Codable {
        case text, currency, image, document, video, payload
        case dateTime = "date_time"
    }

    private struct Currency: Codable {
        var fallbackValue: String
        var code: String
        var amount1000: Int64

        enum CodingKeys: String, CodingKey {
            case fallbackValue = "fallback_value"
            case code
            case amount1000 = "amount_1000"
        }
    }

    private struct DateTime: Codable {
        var fallbackValue: String

        enum CodingKeys: String, CodingKey {
            case fallbackValue = "fallback_value"
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Kind.self, forKey: .type) {
        case .text:
            self = .text(try container.decode(String.self, forKey: .text))
        case .currency:
            let currency = try container.decode(Currency.self, forKey: .currency)
            self = .currency(fallback: currency.fallbackValue, code: currency.code, amount1000: currency.amount1000)
        case .dateTime:
            self = .dateTime(fallback: try container.decode(DateTime.self, forKey: .dateTime).fallbackValue)
        case .image:
            self = .image(try container.decode(MediaReference.self, forKey: .image))
        case .document:
            self = .document(try container.decode(MediaReference.self, forKey: .document))
        case .video:
            self = .video(try container.decode(MediaReference.self, forKey: .video))
        case .payload:
            self = .payload(try container.decode(String.self, forKey: .payload))
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
