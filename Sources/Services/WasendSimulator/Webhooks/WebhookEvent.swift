/// One update the simulator will post: a status of a message it accepted, or an inbound message.
///
/// Kept small (the queue may hold a million): the number is an index into the configured numbers,
/// and the strings are shared with the send that produced them.
struct WebhookEvent: Sendable, Hashable {
    enum Update: Sendable, Hashable {
        case sent
        case delivered
        case read
        /// A `failed` status carrying this error code (131026 for undeliverable recipients).
        case failed(code: Int)
        /// A text message the recipient sent to the business.
        case inboundText(String)
    }

    var update: Update
    /// The wamid of the status's message, or of the inbound message.
    var messageID: String
    /// The user: the status's recipient, or the inbound message's sender.
    var user: String
    var phoneNumberIndex: Int
    /// The send's `biz_opaque_callback_data`, echoed in every status.
    var callbackData: String?
    /// The template's category (`marketing`, `utility`…) for the status's pricing.
    var pricingCategory: String?
    /// A copy posted again on purpose; it is not duplicated a second time.
    var isDuplicate: Bool = false
}
