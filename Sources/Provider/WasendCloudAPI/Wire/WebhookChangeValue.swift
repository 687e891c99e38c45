/// The `value` of a webhook change, decoded according to its `field`.
///
/// A field this module does not know is kept whole in `.unknown`, so a new kind of event from Meta is
/// reported, not lost and not a failure.
public enum WebhookChangeValue: Hashable, Sendable {
    /// `messages`: statuses, inbound messages and value-level errors.
    case messages(WebhookMessagesValue)
    /// `user_preferences`: a user stopped or resumed marketing messages.
    case userPreferences(WebhookUserPreferencesValue)
    case messageTemplateStatusUpdate(WebhookTemplateStatusUpdate)
    case messageTemplateQualityUpdate(WebhookTemplateQualityUpdate)
    case phoneNumberQualityUpdate(WebhookPhoneNumberQualityUpdate)
    case businessCapabilityUpdate(WebhookBusinessCapabilityUpdate)
    case accountUpdate(WebhookAccountUpdate)
    case unknown(field: String, value: JSONValue)

    /// The subscription field name Meta uses for this kind of value.
    public var field: String {
        switch self {
        case .messages: "messages"
        case .userPreferences: "user_preferences"
        case .messageTemplateStatusUpdate: "message_template_status_update"
        case .messageTemplateQualityUpdate: "message_template_quality_update"
        case .phoneNumberQualityUpdate: "phone_number_quality_update"
        case .businessCapabilityUpdate: "business_capability_update"
        case .accountUpdate: "account_update"
        case .unknown(let field, _): field
        }
    }
}

extension WebhookChangeValue {
    init<Key: CodingKey>(field: String, from container: KeyedDecodingContainer<Key>, forKey key: Key) throws {
        switch field {
        case "messages":
            self = .messages(try container.decode(WebhookMessagesValue.self, forKey: key))
        case "user_preferences":
            self = .userPreferences(try container.decode(WebhookUserPreferencesValue.self, forKey: key))
        case "message_template_status_update":
            self = .messageTemplateStatusUpdate(try container.decode(WebhookTemplateStatusUpdate.self, forKey: key))
        case "message_template_quality_update":
            self = .messageTemplateQualityUpdate(try container.decode(WebhookTemplateQualityUpdate.self, forKey: key))
        case "phone_number_quality_update":
            self = .phoneNumberQualityUpdate(try container.decode(WebhookPhoneNumberQualityUpdate.self, forKey: key))
        case "business_capability_update":
            self = .businessCapabilityUpdate(try container.decode(WebhookBusinessCapabilityUpdate.self, forKey: key))
        case "account_update":
            self = .accountUpdate(try container.decode(WebhookAccountUpdate.self, forKey: key))
        default:
            self = .unknown(field: field, value: try container.decodeIfPresent(JSONValue.self, forKey: key) ?? .null)
        }
    }

    func encode<Key: CodingKey>(into container: inout KeyedEncodingContainer<Key>, forKey key: Key) throws {
        switch self {
        case .messages(let value): try container.encode(value, forKey: key)
        case .userPreferences(let value): try container.encode(value, forKey: key)
        case .messageTemplateStatusUpdate(let value): try container.encode(value, forKey: key)
        case .messageTemplateQualityUpdate(let value): try container.encode(value, forKey: key)
        case .phoneNumberQualityUpdate(let value): try container.encode(value, forKey: key)
        case .businessCapabilityUpdate(let value): try container.encode(value, forKey: key)
        case .accountUpdate(let value): try container.encode(value, forKey: key)
        case .unknown(_, let value): try container.encode(value, forKey: key)
        }
    }
}
