/// The unique recipients a portfolio reached in the moving 24 hours, which its messaging tier limits.
///
/// A recipient enters the window with its first send and leaves it 24 h later; sends to it in
/// between do not count again.
struct UniqueRecipientWindow: Sendable {
    static let length: Int64 = 24 * 3_600 * 1_000_000_000

    private var entered: [String: Int64] = [:]
    /// Recipients in the order they entered; `start` is the first still in the window.
    private var order: [(time: Int64, recipient: String)] = []
    private var start = 0

    /// Counts `recipient` in the window if it fits under `limit` (`nil` is unlimited); `false` when it does not.
    mutating func admit(_ recipient: String, at now: Int64, limit: Int?) -> Bool {
        expire(at: now)
        if entered[recipient] != nil { return true }
        if let limit, entered.count >= limit { return false }
        entered[recipient] = now
        order.append((now, recipient))
        return true
    }

    func count(at now: Int64) -> Int {
        // `order` is sorted by time: find the first entry still inside the window.
        var low = start
        var high = order.count
        while low < high {
            let middle = (low + high) / 2
            if order[middle].time <= now - Self.length { low = middle + 1 } else { high = middle }
        }
        return order.count - low
    }

    private mutating func expire(at now: Int64) {
        while start < order.count, order[start].time <= now - Self.length {
            entered.removeValue(forKey: order[start].recipient)
            start += 1
        }
        if start > 4_096, start * 2 > order.count {
            order.removeFirst(start)
            start = 0
        }
    }
}
