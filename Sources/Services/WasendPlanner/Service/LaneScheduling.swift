/// Which expansion lanes advance, and when to fetch, without I/O: the scheduling of
/// ``RecipientExpander``.
///
/// Each lane is free (held here) or advancing in a task of its own. Fetched records wait here
/// for their lane; a free lane takes all of its waiting records at once, or none when it is
/// only due for a recheck or a commit. One fetch runs at a time, and none while a busy lane
/// has `maxWaitingPerLane` records waiting: a lane in a long commit lets the others go on,
/// within bounded memory. Records of a lane are handed over in the order they were fetched.
struct LaneScheduling<Lane, Record> {
    private var lanes: [Lane?]
    private var waiting: [[Record]]
    private var fetching = false
    private var consumerEnded = false
    let maxWaitingPerLane: Int

    init(lanes: [Lane], maxWaitingPerLane: Int) {
        precondition(!lanes.isEmpty && maxWaitingPerLane >= 1, "at least one lane, and room for a record")
        self.lanes = lanes
        self.waiting = Array(repeating: [], count: lanes.count)
        self.maxWaitingPerLane = maxWaitingPerLane
    }

    /// The lanes that are not advancing.
    var freeLanes: [Lane] { lanes.compactMap { $0 } }

    var hasBusyLane: Bool { lanes.contains { $0 == nil } }

    /// The consumer ended and every lane is back: the expansion is over.
    var isFinished: Bool { consumerEnded && !hasBusyLane }

    /// The next free lane to advance: one with waiting records, or one `isDue` for a recheck or
    /// a commit. It is busy until ``finished(_:at:)``. None once the consumer ended.
    mutating func nextLaneToAdvance(isDue: (Lane) -> Bool) -> (index: Int, lane: Lane, records: [Record])? {
        guard !consumerEnded else { return nil }
        for index in lanes.indices {
            guard let lane = lanes[index], !waiting[index].isEmpty || isDue(lane) else { continue }
            lanes[index] = nil
            defer { waiting[index] = [] }
            return (index, lane, waiting[index])
        }
        return nil
    }

    /// A lane is done advancing.
    mutating func finished(_ lane: Lane, at index: Int) {
        precondition(lanes[index] == nil, "only a busy lane finishes")
        lanes[index] = lane
    }

    /// Whether a fetch starts now; if so, it runs until ``fetched(_:)`` or ``ended()``.
    mutating func startFetch() -> Bool {
        guard !fetching, !consumerEnded, waiting.allSatisfy({ $0.count < maxWaitingPerLane }) else { return false }
        fetching = true
        return true
    }

    /// The fetch ended with these records (none when its wait ran out), each for its lane.
    mutating func fetched(_ records: [(record: Record, lane: Int)]) {
        fetching = false
        for (record, lane) in records {
            waiting[lane].append(record)
        }
    }

    /// The consumer ended: no lane starts again, and nothing more is fetched.
    mutating func ended() {
        fetching = false
        consumerEnded = true
    }
}

extension LaneScheduling: Sendable where Lane: Sendable, Record: Sendable {}
