import WasendCloudAPI
import WasendCore
import WasendKafka

/// A message the sender is done with for now, and what must become durable before its offset
/// may be stored.
struct Completion: Sendable {
    enum Disposition: Sendable {
        /// A final result: recorded in the ledger (counted once), then published.
        case final(SendJob, SendResult)
        /// The ledger already holds the job's final result (a replay): published again, so a
        /// result lost to a crash between the ledger and Kafka still reaches `wasend.results`.
        case republish(SendJob, SendResult)
        /// Run the job again later through `wasend.jobs.retry` as `next`; its reservation (if
        /// `reserved`) is released first. `deferral` names the limit it waits on (counted, and
        /// published as a `deferred` result); `slowDown` the limit a throttling answer tightens.
        case retry(next: SendJob, reserved: Bool, deferral: SendLimit?, slowDown: SendDecision.SlowDown?)
        /// The number must stop; the job is released and waits for the number, its offset not stored.
        case stopNumber(PendingJob, CloudAPIError)
        /// The record is unreadable: it goes to the dead-letter topic.
        case deadLetter(KafkaConsumerMessage, reason: String, detail: String)
    }

    var ticket: OffsetTracker.Ticket
    var disposition: Disposition
    /// When the outcome was known (the provider's answer came back), published as the result's
    /// `finished_at`: the finisher may make it durable seconds later when Kafka or Redis is slow.
    var finishedAt = Timestamp.current
}
