import WasendCore

/// A job on its way through the sender, with the message it came from.
struct PendingJob: Sendable {
    var job: SendJob
    var ticket: OffsetTracker.Ticket
    /// Admitted by the limiter and reserved in the ledger for this sender: it only waits for its
    /// send slot.
    var reserved = false
}
