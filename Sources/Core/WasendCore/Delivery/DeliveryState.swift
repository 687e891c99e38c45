/// What is known about one message's delivery, folded from events that may come duplicated, late
/// and in any order.
///
/// The state is, per stage, the earliest time that stage was seen (and for failures the earliest
/// failure's code). Recording is therefore a join: commutative, associative and idempotent, so any
/// permutation or repetition of the same events gives the same state, and two partial states of the
/// same message (from two consumers, or a replay) ``merging(_:)`` give the same result too.
///
/// The ``status`` is derived by precedence, which is how "never move backwards" holds:
/// `read` > `delivered` > `failed` > `expired` > `sent` > `accepted`.
/// A `read` implies delivery even if `delivered` never came; a `delivered` or `read` after a
/// `failed` wins, as Meta's documentation requires.
public struct DeliveryState: Sendable, Hashable, Codable {
    public private(set) var acceptedAt: Timestamp?
    public private(set) var sentAt: Timestamp?
    public private(set) var deliveredAt: Timestamp?
    public private(set) var readAt: Timestamp?
    public private(set) var failedAt: Timestamp?
    public private(set) var expiredAt: Timestamp?
    /// The code of the earliest failure (the smallest code among failures at the same time).
    public private(set) var errorCode: Int?

    public init() {}

    public init(_ events: some Sequence<DeliveryEvent>) {
        for event in events {
            record(event)
        }
    }

    public var status: DeliveryStatus {
        if readAt != nil { return .read }
        if deliveredAt != nil { return .delivered }
        if failedAt != nil { return .failed }
        if expiredAt != nil { return .expired }
        if sentAt != nil { return .sent }
        return .accepted
    }

    /// When the message reached the phone: `delivered`, or failing that `read`, which implies it.
    public var effectiveDeliveredAt: Timestamp? { deliveredAt ?? readAt }

    /// Whether no event can change the ``status`` any more.
    public var isFinal: Bool { status == .read }

    public mutating func record(_ event: DeliveryEvent) {
        switch event.status {
        case .accepted: acceptedAt = Self.earliest(acceptedAt, event.at)
        case .sent: sentAt = Self.earliest(sentAt, event.at)
        case .delivered: deliveredAt = Self.earliest(deliveredAt, event.at)
        case .read: readAt = Self.earliest(readAt, event.at)
        case .expired: expiredAt = Self.earliest(expiredAt, event.at)
        case .failed: recordFailure(at: event.at, code: event.errorCode)
        }
    }

    public func recording(_ event: DeliveryEvent) -> DeliveryState {
        var state = self
        state.record(event)
        return state
    }

    /// The join of two states of the same message.
    public func merging(_ other: DeliveryState) -> DeliveryState {
        var merged = self
        merged.acceptedAt = Self.earliest(acceptedAt, other.acceptedAt)
        merged.sentAt = Self.earliest(sentAt, other.sentAt)
        merged.deliveredAt = Self.earliest(deliveredAt, other.deliveredAt)
        merged.readAt = Self.earliest(readAt, other.readAt)
        merged.expiredAt = Self.earliest(expiredAt, other.expiredAt)
        if let failedAt = other.failedAt {
            merged.recordFailure(at: failedAt, code: other.errorCode)
        }
        return merged
    }

    /// When the expiry sweep should call this message expired: `expiry` after it was sent (or,
    /// if no `sent` came, accepted), unless it was delivered, read or failed. `nil` when it cannot expire.
    public func expiryDue(after expiry: Duration) -> Timestamp? {
        guard deliveredAt == nil, readAt == nil, failedAt == nil, expiredAt == nil,
            let start = sentAt ?? acceptedAt
        else { return nil }
        return start + expiry
    }

    /// The `expired` event to record at `now`, if the message has waited `expiry` without delivery.
    /// It is stamped with the due time, not `now`, so sweeps at different times agree.
    public func expiryEvent(now: Timestamp, after expiry: Duration) -> DeliveryEvent? {
        guard let due = expiryDue(after: expiry), due <= now else { return nil }
        return DeliveryEvent(status: .expired, at: due)
    }

    private mutating func recordFailure(at time: Timestamp, code: Int?) {
        if let failedAt, (failedAt, errorCode ?? .max) <= (time, code ?? .max) { return }
        failedAt = time
        errorCode = code
    }

    private static func earliest(_ current: Timestamp?, _ candidate: Timestamp?) -> Timestamp? {
        guard let current else { return candidate }
        guard let candidate else { return current }
        return min(current, candidate)
    }

    private enum CodingKeys: String, CodingKey {
        case status
        case acceptedAt = "accepted_at"
        case sentAt = "sent_at"
        case deliveredAt = "delivered_at"
        case readAt = "read_at"
        case failedAt = "failed_at"
        case expiredAt = "expired_at"
        case errorCode = "error_code"
    }

    /// `status` is written for the readers of `wasend.deliveries` and ignored when read back:
    /// it is always derived from the stage times.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        acceptedAt = try container.decodeIfPresent(Timestamp.self, forKey: .acceptedAt)
        sentAt = try container.decodeIfPresent(Timestamp.self, forKey: .sentAt)
        deliveredAt = try container.decodeIfPresent(Timestamp.self, forKey: .deliveredAt)
        readAt = try container.decodeIfPresent(Timestamp.self, forKey: .readAt)
        failedAt = try container.decodeIfPresent(Timestamp.self, forKey: .failedAt)
        expiredAt = try container.decodeIfPresent(Timestamp.self, forKey: .expiredAt)
        errorCode = failedAt == nil ? nil : try container.decodeIfPresent(Int.self, forKey: .errorCode)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(acceptedAt, forKey: .acceptedAt)
        try container.encodeIfPresent(sentAt, forKey: .sentAt)
        try container.encodeIfPresent(deliveredAt, forKey: .deliveredAt)
        try container.encodeIfPresent(readAt, forKey: .readAt)
        try container.encodeIfPresent(failedAt, forKey: .failedAt)
        try container.encodeIfPresent(expiredAt, forKey: .expiredAt)
        try container.encodeIfPresent(errorCode, forKey: .errorCode)
    }
}
