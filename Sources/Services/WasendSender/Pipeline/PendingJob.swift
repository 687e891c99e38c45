import WasendCore

/// A job on its way through the sender, with the message it came from.
struct PendingJob: Sendable {
    /// The limiter's slot for the job and the end of the ledger's reservation of it for this
    /// sender: the job then only waits for its slot, and goes only while both still hold
    /// (see ``JobPipeline/latestStart(of:)``).
    struct Admission: Sendable {
        var slot: Timestamp
        var leaseUntil: Timestamp
    }

    var job: SendJob
    var ticket: OffsetTracker.Ticket
    var admission: Admission?

    var reserved: Bool { admission != nil }
}
