/// What `GET /v1/campaigns/{id}` says about a campaign's progress. Counters the API adds later are
/// ignored, and counters it does not send yet read as zero, so an older or newer API still works.
public struct CampaignProgress: Sendable, Hashable, Decodable {
    public var id: String
    public var name: String
    public var state: String
    public var pauseReason: String?
    public var recipientsReceived: Int64
    public var counters: Counters

    public var isFinal: Bool { state == "completed" || state == "cancelled" }

    public struct Counters: Sendable, Hashable, Decodable {
        public var planned: Int64 = 0
        public var accepted: Int64 = 0
        public var sent: Int64 = 0
        public var delivered: Int64 = 0
        public var read: Int64 = 0
        public var expired: Int64 = 0
        public var skipped: [String: Int64] = [:]
        public var failed: [String: Int64] = [:]
        public var deliveryFailed: [String: Int64] = [:]
        public var deferred: [String: Int64] = [:]

        public init() {}

        /// Recipients whose send is settled one way or another: taken by Meta, refused, or skipped.
        public var settled: Int64 { accepted + skipped.values.reduce(0, +) + failed.values.reduce(0, +) }

        private enum CodingKeys: String, CodingKey {
            case planned, accepted, sent, delivered, read, expired, skipped, failed, deferred
            case deliveryFailed = "delivery_failed"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            planned = try container.decodeIfPresent(Int64.self, forKey: .planned) ?? 0
            accepted = try container.decodeIfPresent(Int64.self, forKey: .accepted) ?? 0
            sent = try container.decodeIfPresent(Int64.self, forKey: .sent) ?? 0
            delivered = try container.decodeIfPresent(Int64.self, forKey: .delivered) ?? 0
            read = try container.decodeIfPresent(Int64.self, forKey: .read) ?? 0
            expired = try container.decodeIfPresent(Int64.self, forKey: .expired) ?? 0
            skipped = try container.decodeIfPresent([String: Int64].self, forKey: .skipped) ?? [:]
            failed = try container.decodeIfPresent([String: Int64].self, forKey: .failed) ?? [:]
            deliveryFailed = try container.decodeIfPresent([String: Int64].self, forKey: .deliveryFailed) ?? [:]
            deferred = try container.decodeIfPresent([String: Int64].self, forKey: .deferred) ?? [:]
        }
    }

    public init(id: String, name: String, state: String, pauseReason: String? = nil, recipientsReceived: Int64, counters: Counters) {
        self.id = id
        self.name = name
        self.state = state
        self.pauseReason = pauseReason
        self.recipientsReceived = recipientsReceived
        self.counters = counters
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, state, counters
        case pauseReason = "pause_reason"
        case recipientsReceived = "recipients_received"
    }
}
