/// How many reserved jobs may wait for their slot at once: admission is paced to what this
/// process can send, so jobs are not reserved faster than they leave.
///
/// A reserved job must start its send shortly after its slot (see
/// ``JobPipeline/latestStart(of:)``), and its slot is an admission lead ahead. When the limits
/// are far above what the process can send (many fast numbers, or the benchmark's high limits),
/// an unpaced dispatcher reserves jobs faster than its send slots free up; they come due
/// together, miss their slots, and go back to Redis to be released and admitted again, which
/// costs more than the send. Like TCP's congestion window, it grows by `step` for every
/// window's worth of sends that start on time; it shrinks by one for every job that missed its
/// slot, since that many could not be sent in time. It stays between `minimum` and `maximum`.
struct AdmissionWindow: Sendable {
    let minimum: Int
    let maximum: Int
    let step: Int
    private(set) var size: Int
    /// On-time sends, times `step`, not yet turned into growth.
    private var credit = 0

    init(minimum: Int, maximum: Int, step: Int) {
        self.minimum = max(1, minimum)
        self.maximum = max(self.minimum, maximum)
        self.step = max(1, step)
        self.size = self.minimum
    }

    /// How many more jobs may be admitted while `waiting` reserved jobs wait for their slot; an
    /// admission in its round trips may take it past the window by one batch.
    func room(besides waiting: Int) -> Int {
        max(0, size - waiting)
    }

    /// Counts what the dispatcher found: `onTime` sends started at their slot, `late` reserved
    /// jobs past it.
    mutating func record(onTime: Int, late: Int) {
        if late == 0 {
            credit += onTime * step
            let growth = credit / size
            credit -= growth * size
            size = min(maximum, size + growth)
        } else {
            size = max(minimum, size - late)
        }
    }
}
