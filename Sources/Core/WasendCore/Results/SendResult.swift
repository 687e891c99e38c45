/// The outcome of one send attempt, as the sender publishes it on `wasend.results`.
///
/// JSON: `{"outcome":"accepted","wamid":"wamid.…","message_status":"accepted"}`,
/// `{"outcome":"failed","code":131026,"error_class":"permanent","details":"…"}`,
/// `{"outcome":"skipped","reason":"opted_out"}`,
/// `{"outcome":"deferred","limit":"pair_rate","not_before":1767225600000}`.
public enum SendResult: Sendable, Hashable, Decodable, JSONWritable {
    /// The Cloud API took the message; delivery is only known from the webhooks.
    case accepted(wamid: String, messageStatus: AcceptedMessageStatus)
    /// The Cloud API refused it with Meta's error `code`, or the request failed in transport
    /// (``transportFailureCode``).
    case failed(code: Int, errorClass: ErrorClass, details: String?)
    /// Deliberately not sent.
    case skipped(SkipReason)
    /// Not sent yet because a limit holds; the job runs again at `notBefore`.
    case deferred(limit: SendLimit, notBefore: Timestamp)

    /// The `code` of a failure that never reached Meta (timeout, reset), so it cannot collide with
    /// Meta's codes, which are non-negative.
    public static let transportFailureCode = -1

    /// `message_status` in a successful send response.
    public enum AcceptedMessageStatus: String, Sendable, Hashable, Codable {
        case accepted
        case heldForQualityAssessment = "held_for_quality_assessment"
        case paused
    }

    public enum SkipReason: String, Sendable, Hashable, Codable, CaseIterable {
        /// The send ledger shows this job accepted already: sending again would duplicate it.
        case alreadyAccepted = "already_accepted"
        case optedOut = "opted_out"
        case campaignCancelled = "campaign_cancelled"
        /// A free-form text to a recipient whose customer-service window is closed would fail (131047).
        case outsideCustomerServiceWindow = "outside_customer_service_window"
    }

    private enum CodingKeys: String, CodingKey {
        case outcome, wamid, code, details, reason, limit
        case messageStatus = "message_status"
        case errorClass = "error_class"
        case notBefore = "not_before"
    }

    private enum Outcome: String, Decodable {
        case accepted, failed, skipped, deferred
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Outcome.self, forKey: .outcome) {
        case .accepted:
            self = .accepted(
                wamid: try container.decode(String.self, forKey: .wamid),
                messageStatus: try container.decode(AcceptedMessageStatus.self, forKey: .messageStatus))
        case .failed:
            self = .failed(
                code: try container.decode(Int.self, forKey: .code),
                errorClass: try container.decode(ErrorClass.self, forKey: .errorClass),
                details: try container.decodeIfPresent(String.self, forKey: .details))
        case .skipped:
            self = .skipped(try container.decode(SkipReason.self, forKey: .reason))
        case .deferred:
            self = .deferred(
                limit: try container.decode(SendLimit.self, forKey: .limit),
                notBefore: try container.decode(Timestamp.self, forKey: .notBefore))
        }
    }

    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        switch self {
        case .accepted(let wamid, let messageStatus):
            writer.member("outcome", Outcome.accepted.rawValue)
            writer.member("wamid", wamid)
            writer.member("message_status", messageStatus.rawValue)
        case .failed(let code, let errorClass, let details):
            writer.member("outcome", Outcome.failed.rawValue)
            writer.member("code", code)
            writer.member("error_class", errorClass.rawValue)
            writer.member("details", ifPresent: details)
        case .skipped(let reason):
            writer.member("outcome", Outcome.skipped.rawValue)
            writer.member("reason", reason.rawValue)
        case .deferred(let limit, let notBefore):
            writer.member("outcome", Outcome.deferred.rawValue)
            writer.member("limit", limit.rawValue)
            writer.member("not_before", notBefore.millisecondsSinceEpoch)
        }
        writer.endObject()
    }
}
