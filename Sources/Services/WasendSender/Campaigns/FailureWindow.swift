/// The last `capacity` final outcomes of one campaign (failed or not), to tell when its failure
/// rate crosses the auto-pause threshold. Only final outcomes count: a transient error that is
/// retried and then accepted is not a failure of the campaign.
struct FailureWindow: Sendable {
    let capacity: Int
    private var outcomes: [Bool] = []
    private var next = 0
    private(set) var failures = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        outcomes.reserveCapacity(self.capacity)
    }

    var count: Int { outcomes.count }

    mutating func record(failed: Bool) {
        if outcomes.count < capacity {
            outcomes.append(failed)
        } else {
            if outcomes[next] { failures -= 1 }
            outcomes[next] = failed
            next = (next + 1) % capacity
        }
        if failed { failures += 1 }
    }

    /// Whether the window is full and more than `threshold` of it failed.
    func exceeds(_ threshold: Double) -> Bool {
        outcomes.count == capacity && Double(failures) > threshold * Double(capacity)
    }
}
