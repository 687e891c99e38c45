import WasendCore

extension WebhookEvent {
    /// A message from a user. It opens the user's 24 h customer-service window, and its text is
    /// what opt-out keywords ("STOP") are looked for in.
    public struct InboundMessage: Hashable, Sendable {
        public var businessAccountID: String
        /// The business number that received it.
        public var phoneNumberID: String?
        public var wamid: String
        /// The sender's WhatsApp id (their number's digits), when Meta gives it.
        public var from: String?
        /// `text`, `button`, `interactive`, `system`, `image`, `unknown`, …
        public var type: String
        /// The words the user sent: the text body, the pressed button's text, the chosen reply's
        /// title, or a system notice's body.
        public var text: String?
        public var timestamp: Timestamp
        /// Errors attached to the message (for example 131051, an unsupported message type).
        public var errors: [CloudAPIError]

        public init(
            businessAccountID: String,
            phoneNumberID: String?,
            wamid: String,
            from: String?,
            type: String,
            text: String?,
            timestamp: Timestamp,
            errors: [CloudAPIError] = []
        ) {
            self.businessAccountID = businessAccountID
            self.phoneNumberID = phoneNumberID
            self.wamid = wamid
            self.from = from
            self.type = type
            self.text = text
            self.timestamp = timestamp
            self.errors = errors
        }
    }

    /// An error Meta reported for the number as a whole, outside any message (e.g. 130429).
    public struct ValueError: Hashable, Sendable {
        public var businessAccountID: String
        public var phoneNumberID: String?
        public var error: CloudAPIError

        public init(businessAccountID: String, phoneNumberID: String?, error: CloudAPIError) {
            self.businessAccountID = businessAccountID
            self.phoneNumberID = phoneNumberID
            self.error = error
        }
    }
}
