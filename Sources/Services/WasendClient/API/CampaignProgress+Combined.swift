extension CampaignProgress {
    /// Several campaigns seen as one, for a send split across numbers (one campaign per number):
    /// the counters and recipients add up, and the state names each state the parts are in. Each
    /// part's id is in `pauseReason` when it is paused; the caller knows the ids it asked for.
    public init(combining parts: [CampaignProgress]) {
        guard parts.count != 1 else {
            self = parts[0]
            return
        }
        var states: [String] = []
        for part in parts where !states.contains(part.state) { states.append(part.state) }
        self.init(
            id: "\(parts.count) campaigns", name: "\(parts[0].name) and \(parts.count - 1) more",
            state: states.joined(separator: "+"),
            pauseReason: parts.first { $0.pauseReason != nil }.map { "\($0.id): \($0.pauseReason!)" },
            recipientsReceived: parts.reduce(0) { $0 + $1.recipientsReceived },
            counters: parts.reduce(Counters()) { $0 + $1.counters })
    }
}

extension CampaignProgress.Counters {
    public static func + (lhs: Self, rhs: Self) -> Self {
        var sum = lhs
        sum.planned += rhs.planned
        sum.accepted += rhs.accepted
        sum.sent += rhs.sent
        sum.delivered += rhs.delivered
        sum.read += rhs.read
        sum.expired += rhs.expired
        sum.skipped.merge(rhs.skipped, uniquingKeysWith: +)
        sum.failed.merge(rhs.failed, uniquingKeysWith: +)
        sum.deliveryFailed.merge(rhs.deliveryFailed, uniquingKeysWith: +)
        sum.deferred.merge(rhs.deferred, uniquingKeysWith: +)
        return sum
    }
}
