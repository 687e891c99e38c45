import WasendCore

/// A job on its way through the sender, with the message it came from.
struct PendingJob: Sendable {
    var job: SendJob
    var ticket: OffsetTracker.Ticket
    /// Set once the limiter admitted the job and the ledger reserved it for this sender: the end
    /// of that reservation. The job then only waits for its send slot, and goes only while the
    /// reservation lasts (see ``JobPipeline/leaseMargin``).
    var leaseUntil: Timestamp?

    var reserved: Bool { leaseUntil != nil }
}
