/// Which of the business's numbers the change is about.
public struct WebhookMetadata: Codable, Hashable, Sendable {
    public var displayPhoneNumber: String?
    public var phoneNumberID: String

    public init(displayPhoneNumber: String? = nil, phoneNumberID: String) {
        self.displayPhoneNumber = displayPhoneNumber
        self.phoneNumberID = phoneNumberID
    }

    enum CodingKeys: String, CodingKey {
        case displayPhoneNumber = "display_phone_number"
        case phoneNumberID = "phone_number_id"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.displayPhoneNumber = try container.decodeLenientStringIfPresent(forKey: .displayPhoneNumber)
        self.phoneNumberID = try container.decodeLenientString(forKey: .phoneNumberID)
    }
}
