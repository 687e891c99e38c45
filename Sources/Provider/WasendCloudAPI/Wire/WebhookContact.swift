/// A WhatsApp user the change mentions. Newer payloads may carry only the business-scoped `userID`.
public struct WebhookContact: Codable, Hashable, Sendable {
    public var profile: Profile?
    public var waID: String?
    public var userID: String?
    public var parentUserID: String?

    public init(profile: Profile? = nil, waID: String? = nil, userID: String? = nil, parentUserID: String? = nil) {
        self.profile = profile
        self.waID = waID
        self.userID = userID
        self.parentUserID = parentUserID
    }

    enum CodingKeys: String, CodingKey {
        case profile
        case waID = "wa_id"
        case userID = "user_id"
        case parentUserID = "parent_user_id"
    }

    public struct Profile: Codable, Hashable, Sendable {
        public var name: String?
        public var username: String?

        public init(name: String? = nil, username: String? = nil) {
            self.name = name
            self.username = username
        }
    }
}
