/// The messaging limit of one business portfolio: the unique recipients of business-initiated
/// messages in a moving 24 h window may not exceed its ``MessagingTier``.
///
/// Each recipient counts once however many messages they get; a recipient inside an open
/// customer-service window (they wrote in the last 24 h) does not count at all. A recipient stays
/// counted until 24 h after the last counted message to them.
///
/// The senders run the same rule in a Redis Lua script over a sorted set per portfolio (member:
/// recipient digits, score: the last counted send, ms); ``admit(_:now:customerServiceWindowOpen:)``
/// is its reference:
/// ```
/// if csWindowOpen: admitted, not counted (the set is not touched)
/// ZREMRANGEBYSCORE key -inf (now − W)          -- members with score ≤ now − W have left
/// if ZSCORE key r exists: ZADD key GT now r; admitted (already counted)
/// if limit ≠ -1 and ZCARD key ≥ limit:
///     refused; retry at (lowest score) + W      -- when the oldest recipient leaves
/// ZADD key now r; PEXPIRE key W; admitted (newly counted)
/// ```
/// with `W` = 24 h = 86,400,000 ms. A recipient counted at `s` is inside the window while
/// `s > now − W`, so it frees its place at exactly `s + W`.
///
/// The model expects `now` not to go backwards between calls; an earlier `now` only makes it stricter.
public struct UniqueRecipientWindow: Sendable {
    public static let length: Duration = .seconds(24 * 3600)

    public var tier: MessagingTier
    /// Recipient digits → the time of the last counted message.
    private var lastCounted: [String: Timestamp] = [:]
    /// Every counting in call order, so recipients leave the window in O(1) each; entries made
    /// stale by a later counting of the same recipient are skipped.
    private var countings: [(digits: String, at: Timestamp)] = []
    private var firstCounting = 0

    public init(tier: MessagingTier) {
        self.tier = tier
    }

    public enum Admission: Sendable, Hashable {
        /// Send. `counted` is false for a recipient already in the window or in an open
        /// customer-service window (the count did not grow).
        case admitted(counted: Bool)
        /// The tier is full; a place frees up at `retryAt`.
        case refused(retryAt: Timestamp)
    }

    public mutating func admit(
        _ recipient: PhoneNumber, now: Timestamp, customerServiceWindowOpen: Bool
    ) -> Admission {
        guard !customerServiceWindowOpen else { return .admitted(counted: false) }
        forgetLeft(now: now)
        if let previous = lastCounted[recipient.digits] {
            count(recipient.digits, at: max(previous, now))
            return .admitted(counted: false)
        }
        if let limit = tier.limit, lastCounted.count >= limit {
            return .refused(retryAt: (oldestLive() ?? now) + Self.length)
        }
        count(recipient.digits, at: now)
        return .admitted(counted: true)
    }

    /// The unique recipients counted in the window ending at `now`.
    public func count(at now: Timestamp) -> Int {
        let cutoff = now - Self.length
        return lastCounted.values.count { $0 > cutoff }
    }

    /// How many new recipients may still be admitted at `now`; `nil` for unlimited.
    public func remaining(at now: Timestamp) -> Int? {
        tier.limit.map { max(0, $0 - count(at: now)) }
    }

    private mutating func count(_ digits: String, at time: Timestamp) {
        lastCounted[digits] = time
        countings.append((digits, time))
    }

    private func isLive(_ counting: (digits: String, at: Timestamp)) -> Bool {
        lastCounted[counting.digits] == counting.at
    }

    private func oldestLive() -> Timestamp? {
        countings[firstCounting...].first(where: isLive)?.at
    }

    private mutating func forgetLeft(now: Timestamp) {
        let cutoff = now - Self.length
        while firstCounting < countings.count {
            let counting = countings[firstCounting]
            if isLive(counting) {
                guard counting.at <= cutoff else { break }
                lastCounted[counting.digits] = nil
            }
            firstCounting += 1
        }
        if firstCounting >= 1024, firstCounting * 2 >= countings.count {
            countings.removeFirst(firstCounting)
            firstCounting = 0
        }
    }
}
