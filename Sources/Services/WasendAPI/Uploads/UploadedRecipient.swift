import WasendCore

/// One recipient as the client sends it in JSON and NDJSON (`opt_in`), turned into core's ``Recipient``. Phone normalisation, opt-out and duplicate filtering
/// belong to the planner, which records a skip reason for each; the API checks only the shape.
public struct UploadedRecipient: Sendable, Hashable, Codable {
    /// As given: the planner normalises it to E.164 or skips it as `invalid_phone`.
    public var phone: String
    /// Whether the recipient agreed to receive this kind of message; the planner skips marketing without it.
    public var optIn: Bool
    /// Values for the template's `{{variable}}` references.
    public var variables: [String: String]

    public var recipient: Recipient { Recipient(phone: phone, variables: variables, optedIn: optIn) }

    public init(phone: String, optIn: Bool, variables: [String: String] = [:]) {
        self.phone = phone
        self.optIn = optIn
        self.variables = variables
    }

    enum CodingKeys: String, CodingKey {
        case phone
        case optIn = "opt_in"
        case variables
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.phone = try container.decode(String.self, forKey: .phone)
        guard !phone.isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: .phone, in: container, debugDescription: "must not be empty")
        }
        self.optIn = try container.decode(Bool.self, forKey: .optIn)
        self.variables = try container.decodeIfPresent([String: String].self, forKey: .variables) ?? [:]
    }
}
