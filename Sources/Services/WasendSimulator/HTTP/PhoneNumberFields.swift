import WasendCloudAPI

/// The body of `GET /{phone-number-id}?fields=…`: only the fields asked for, as Graph answers.
struct PhoneNumberFields: Encodable, Sendable {
    private struct FieldKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private struct Throughput: Encodable {
        var level: String
    }

    private let number: SimulatedPhoneNumber
    private let behaviour: SimulatorBehaviour
    private let requested: [String]

    init(number: SimulatedPhoneNumber, behaviour: SimulatorBehaviour, requested: [String]) {
        self.number = number
        self.behaviour = behaviour
        self.requested = requested
    }

    private static let known: Set<String> = [
        "id", "display_phone_number", "verified_name", "quality_rating", "throughput",
        "whatsapp_business_manager_messaging_limit", "messaging_limit_tier", "platform_type",
        "code_verification_status", "name_status",
    ]

    /// The first requested field a phone number does not have.
    var unknownField: String? {
        requested.first { !Self.known.contains($0) }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: FieldKey.self)
        for field in requested {
            let key = FieldKey(stringValue: field)
            switch field {
            case "id": try container.encode(number.id, forKey: key)
            case "display_phone_number": try container.encode(number.displayPhoneNumber, forKey: key)
            case "verified_name": try container.encode(number.verifiedName, forKey: key)
            case "quality_rating": try container.encode(number.qualityRating, forKey: key)
            case "throughput":
                let rate = number.messagesPerSecond ?? behaviour.defaultMessagesPerSecond
                try container.encode(Throughput(level: rate > 80 ? "HIGH" : "STANDARD"), forKey: key)
            case "whatsapp_business_manager_messaging_limit", "messaging_limit_tier":
                try container.encode(behaviour.messagingTier.tierName, forKey: key)
            case "platform_type": try container.encode("CLOUD_API", forKey: key)
            case "code_verification_status": try container.encode("VERIFIED", forKey: key)
            case "name_status": try container.encode("APPROVED", forKey: key)
            default: break
            }
        }
        if !requested.contains("id") {
            // Graph always includes the node's id.
            try container.encode(number.id, forKey: FieldKey(stringValue: "id"))
        }
    }
}
