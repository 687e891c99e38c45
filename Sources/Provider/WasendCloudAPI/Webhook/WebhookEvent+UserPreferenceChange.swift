import WasendCore

extension WebhookEvent {
    /// A user's choice about marketing messages, from the `user_preferences` field.
    public struct UserPreferenceChange: Hashable, Sendable {
        public enum Preference: Hashable, Sendable {
            /// No more marketing messages to this user: an opt-out to honour.
            case stop
            case resume
            case other(String)

            init(wireValue: String) {
                switch wireValue {
                case "stop": self = .stop
                case "resume": self = .resume
                default: self = .other(wireValue)
                }
            }
        }

        public var businessAccountID: String
        public var phoneNumberID: String?
        public var waID: String?
        public var userID: String?
        /// `marketing_messages`.
        public var category: String
        public var preference: Preference
        public var timestamp: Timestamp

        public init(
            businessAccountID: String,
            phoneNumberID: String?,
            waID: String?,
            userID: String?,
            category: String,
            preference: Preference,
            timestamp: Timestamp
        ) {
            self.businessAccountID = businessAccountID
            self.phoneNumberID = phoneNumberID
            self.waID = waID
            self.userID = userID
            self.category = category
            self.preference = preference
            self.timestamp = timestamp
        }
    }
}
