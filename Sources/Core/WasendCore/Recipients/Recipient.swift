/// A recipient as uploaded: the phone number as people typed it, the values for the message's
/// variables, and whether they opted in to business-initiated messages.
public struct Recipient: Sendable, Hashable, Decodable {
    public var phone: String
    public var variables: [String: String]
    public var optedIn: Bool

    public init(phone: String, variables: [String: String] = [:], optedIn: Bool) {
        self.phone = phone
        self.variables = variables
        self.optedIn = optedIn
    }

    private enum CodingKeys: String, CodingKey {
        case phone, variables
        case optedIn = "opted_in"
    }

    /// `variables` may be left out of the JSON when the message uses none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        phone = try container.decode(String.self, forKey: .phone)
        variables = try container.decodeIfPresent([String: String].self, forKey: .variables) ?? [:]
        optedIn = try container.decode(Bool.self, forKey: .optedIn)
    }
}
