import WasendCore

/// What one send attempt came to, as far as the HTTP response can tell. Delivery is only known
/// later, from webhooks.
///
/// Richer than the core's `SendResult` (it keeps the subcode, trace id, HTTP status and the full
/// advice the sender acts on); `sendResult` is what goes on `wasend.results`.
public enum CloudAPISendOutcome: Hashable, Sendable {
    /// Meta took the message and gave it a wamid.
    case accepted(Acceptance)
    /// Meta refused it, or the answer could not be read; `advice` says whether and when to retry.
    case failed(CloudAPIError)

    /// A successful send: the wamid that every status webhook of this message will carry.
    public struct Acceptance: Hashable, Sendable {
        public var wamid: String
        /// `messages[].message_status`. Absent in older responses, and values this module does not
        /// know, read as `accepted`: a wamid came back, so Meta took the message.
        public var messageStatus: SendResult.AcceptedMessageStatus
        /// The recipient's WhatsApp id, when Meta reports it.
        public var waID: String?

        public init(wamid: String, messageStatus: SendResult.AcceptedMessageStatus, waID: String? = nil) {
            self.wamid = wamid
            self.messageStatus = messageStatus
            self.waID = waID
        }
    }

    /// The record for `wasend.results`. A failure without a Graph code (transport, unreadable
    /// body) carries `SendResult.transportFailureCode`.
    public var sendResult: SendResult {
        switch self {
        case .accepted(let acceptance):
            .accepted(wamid: acceptance.wamid, messageStatus: acceptance.messageStatus)
        case .failed(let error):
            .failed(
                code: error.code ?? SendResult.transportFailureCode, errorClass: error.advice.errorClass,
                details: error.details ?? error.message)
        }
    }
}
