import WasendAPI
import WasendCore

/// What the planner needs of a campaign to expand its recipients, prepared once per campaign
/// version: the sender, the portfolio and the parsed message.
public struct CampaignPlan: Sendable {
    public var campaignID: String
    public var phoneNumberID: String
    public var portfolioID: String
    public var category: MessageCategory
    /// Jobs are not sent before the campaign's `start_at`.
    public var notBefore: Timestamp?
    public var message: MessageSpec

    /// Why a campaign cannot be planned at all.
    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        case unknownSender(phoneNumberID: String)
        case noMessage
        case invalidPattern(String)

        public var code: String {
            switch self {
            case .unknownSender: "unknown_sender"
            case .noMessage: "no_message"
            case .invalidPattern: "invalid_message"
            }
        }

        public var description: String {
            switch self {
            case .unknownSender(let id): "the sender number \(id) belongs to no configured business portfolio"
            case .noMessage: "the campaign has neither a template nor a text"
            case .invalidPattern(let reason): "the campaign's message has an invalid {{variable}} reference: \(reason)"
            }
        }
    }

    public init(record: CampaignRecord, senderPortfolios: [String: String]) throws(Problem) {
        guard let portfolioID = senderPortfolios[record.spec.from] else {
            throw .unknownSender(phoneNumberID: record.spec.from)
        }
        self.campaignID = record.id
        self.phoneNumberID = record.spec.from
        self.portfolioID = portfolioID
        self.category = record.spec.category
        self.notBefore = record.spec.startAt.map {
            Timestamp(millisecondsSinceEpoch: Int64(($0.timeIntervalSince1970 * 1_000).rounded()))
        }
        self.message = try record.spec.messageSpec()
    }
}
