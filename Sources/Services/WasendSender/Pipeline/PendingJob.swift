import WasendCore

/// A job on its way through the sender, with the message it came from.
struct PendingJob: Sendable {
    var job: SendJob
    var ticket: OffsetTracker.Ticket
    /// The end of the ledger's reservation of the job for this sender, once the limiter and the
    /// ledger admitted it: it then only waits for its slot, and goes only while the reservation
    /// holds (see ``JobPipeline/latestStart(of:)``).
    var leaseUntil: Timestamp?

    var reserved: Bool { leaseUntil != nil }
}
