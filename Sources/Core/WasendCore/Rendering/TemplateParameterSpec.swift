/// How to fill one template parameter: a ``TemplateParameter`` whose strings are ``TextPattern``s.
///
/// JSON is the Cloud API's parameter shape with patterns for strings:
/// `{"type":"text","text":"Hi {{first_name}}"}`. A text or payload parameter that is exactly one
/// variable may say so directly: `{"type":"text","variable":"first_name"}`. A currency's
/// `amount_1000` is a number or a pattern that renders to an integer.
public enum TemplateParameterSpec: Sendable, Hashable, Codable {
    case text(TextPattern)
    case currency(fallback: TextPattern, code: TextPattern, amount1000: TextPattern)
    case dateTime(fallback: TextPattern)
    case image(MediaSpec)
    case document(MediaSpec)
    case video(MediaSpec)
    case payload(TextPattern)

    /// The patterns in the order they are rendered.
    var patterns: [TextPattern] {
        switch self {
        case .text(let text), .payload(let text), .dateTime(let text): [text]
        case .currency(let fallback, let code, let amount1000): [fallback, code, amount1000]
        case .image(let media), .document(let media), .video(let media): [media.pattern]
        }
    }

    private enum CodingKeys: String, CodingKey {
        case type, text, variable, currency, image, document, video, payload
        case dateTime = "date_time"
    }

    private enum Kind: String, Codable {
        case text, currency, image, document, video, payload
        case dateTime = "date_time"
    }

    private struct Currency: Codable {
        var fallbackValue: TextPattern
        var code: TextPattern
        var amount1000: TextPattern

        enum CodingKeys: String, CodingKey {
            case fallbackValue = "fallback_value"
            case code
            case amount1000 = "amount_1000"
        }

        init(fallbackValue: TextPattern, code: TextPattern, amount1000: TextPattern) {
            self.fallbackValue = fallbackValue
            self.code = code
            self.amount1000 = amount1000
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            fallbackValue = try container.decode(TextPattern.self, forKey: .fallbackValue)
            code = try container.decode(TextPattern.self, forKey: .code)
            if let amount = try? container.decode(Int64.self, forKey: .amount1000) {
                amount1000 = TextPattern(segments: [.literal(String(amount))])
            } else {
                amount1000 = try container.decode(TextPattern.self, forKey: .amount1000)
            }
        }
    }

    private struct DateTime: Codable {
        var fallbackValue: TextPattern

        enum CodingKeys: String, CodingKey {
            case fallbackValue = "fallback_value"
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Kind.self, forKey: .type) {
        case .text:
            self = .text(try Self.decodePattern(container, forKey: .text))
        case .payload:
            self = .payload(try Self.decodePattern(container, forKey: .payload))
        case .currency:
            let currency = try container.decode(Currency.self, forKey: .currency)
            self = .currency(fallback: currency.fallbackValue, code: currency.code, amount1000: currency.amount1000)
        case .dateTime:
            self = .dateTime(fallback: try container.decode(DateTime.self, forKey: .dateTime).fallbackValue)
        case .image:
            self = .image(try container.decode(MediaSpec.self, forKey: .image))
        case .document:
            self = .document(try container.decode(MediaSpec.self, forKey: .document))
        case .video:
            self = .video(try container.decode(MediaSpec.self, forKey: .video))
        }
    }

    private static func decodePattern(
        _ container: KeyedDecodingContainer<CodingKeys>, forKey key: CodingKeys
    ) throws -> TextPattern {
        if let variable = try container.decodeIfPresent(String.self, forKey: .variable) {
            return .variable(variable)
        }
        return try container.decode(TextPattern.self, forKey: key)
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
