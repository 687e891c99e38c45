import WasendCore

/// The ledger's answer to a sender that wants to send a job.
public enum Reservation: Sendable, Hashable {
    /// The caller holds the job until `leaseUntil`: send it, then ``SendLedger/finish(_:)`` or
    /// ``SendLedger/release(_:owner:)``. `previouslyInDoubtSince` is set when an earlier sender's
    /// reservation from then was never settled and the resend window has passed: the message may
    /// (rarely) reach the recipient twice.
    case reserved(leaseUntil: Timestamp, previouslyInDoubtSince: Timestamp?)
    /// The job has its final result: do not send it again.
    case alreadyFinal(SendResult)
    /// Another live sender holds it: look again at `until`.
    case heldByLiveOwner(until: Timestamp)
    /// A sender reserved it at `reservedAt` and vanished without a result: the message may have
    /// gone out. Wait for the webhooks to settle it; if none did, reserving at `resendableAt` or
    /// later returns `.reserved`.
    case inDoubt(reservedAt: Timestamp, resendableAt: Timestamp)
    /// Redis does not know the job's campaign: it lost its data (restarted without persistence)
    /// and the aggregator has not restored it yet, so an empty entry proves nothing. Look again
    /// later; never send on it.
    case campaignUnknown
}
