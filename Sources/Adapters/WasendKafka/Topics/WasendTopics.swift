/// The names of Wasend's Kafka topics (see DESIGN.md), under a configurable prefix so that
/// several environments can share one cluster. Every service takes its topic names from here.
public struct WasendTopics: Sendable, Hashable {
    public static let defaultPrefix = "wasend."

    public var prefix: String

    public init(prefix: String = WasendTopics.defaultPrefix) {
        self.prefix = prefix
    }

    /// Campaign specs and lifecycle states, keyed by campaign id (compacted).
    public var campaigns: String { prefix + "campaigns" }
    /// Batches of raw recipients spread over the partitions, and upload markers keyed by campaign id.
    public var recipients: String { prefix + "recipients" }
    /// One send job per recipient, keyed by recipient.
    public var jobs: String { prefix + "jobs" }
    /// Jobs to run again once due, keyed by recipient.
    public var jobsRetry: String { prefix + "jobs.retry" }
    /// The outcome of each send attempt, keyed by job id.
    public var results: String { prefix + "results" }
    /// Verified raw webhook bodies, keyed by phone number id.
    public var webhooks: String { prefix + "webhooks" }
    /// The current delivery state of each message, keyed by job id (compacted).
    public var deliveries: String { prefix + "deliveries" }
    /// Records that could not be processed, with the reason, keyed by their original key.
    public var deadLetters: String { prefix + "dlq" }

    public var all: [String] {
        [campaigns, recipients, jobs, jobsRetry, results, webhooks, deliveries, deadLetters]
    }

    /// The topics that keep only the latest record per key (`cleanup.policy=compact`).
    public var compacted: Set<String> {
        [campaigns, deliveries]
    }
}
