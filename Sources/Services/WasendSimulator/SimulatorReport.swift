import WasendCore

/// What `GET /_sim/stats` answers: what the simulator saw since it started or was last reset.
///
/// It is how tests and load tests check Wasend from the outside: no job accepted twice
/// (`duplicateJobs` empty), no number above its rate (`numbers[…].peakSendsPerSecond`), no
/// portfolio above its tier (`portfolios[…].uniqueRecipients`), and webhooks delivered.
public struct SimulatorReport: Codable, Sendable, Hashable {
    public var acceptedSends: Int
    /// Distinct job ids (`biz_opaque_callback_data`) accepted at least once.
    public var distinctJobs: Int
    /// Job ids accepted more than once, with how many times.
    public var duplicateJobs: [String: Int]
    /// Every tracked job id with its accepted sends; only with `?jobs=true`, as it can be large.
    public var acceptedPerJob: [String: Int]?
    /// Accepted sends whose job id could not be tracked (the table was full): duplicates among them go unseen.
    public var untrackedJobSends: Int
    public var sendsWithoutJobID: Int
    /// Graph error code (as a string) → sends answered with it.
    public var rejectionsByCode: [String: Int]
    /// Injected bare HTTP 503 answers and dropped connections.
    public var serverErrors: Int
    public var connectionResets: Int
    /// Sends taken whose answer was dropped (``SimulatorBehaviour/lostAnswerFraction``).
    public var lostAnswers: Int
    /// Phone number id → its counters.
    public var numbers: [String: Number]
    /// Business portfolio id → its counters.
    public var portfolios: [String: Portfolio]
    public var webhooks: Webhooks

    public struct Number: Codable, Sendable, Hashable {
        public var acceptedSends: Int
        /// The most sends accepted within one whole second of the simulator's clock.
        public var peakSendsPerSecond: Int
        /// Where the peak second began, on the wall clock: lines it up with the faults and logs that explain it.
        public var peakSecondStart: Timestamp?

        enum CodingKeys: String, CodingKey {
            case acceptedSends = "accepted_sends"
            case peakSendsPerSecond = "peak_sends_per_second"
            case peakSecondStart = "peak_second_start"
        }
    }

    public struct Portfolio: Codable, Sendable, Hashable {
        /// Unique recipients in the moving 24 h window, what the messaging tier limits.
        public var uniqueRecipients: Int
        public var messagingLimit: Int?

        enum CodingKeys: String, CodingKey {
            case uniqueRecipients = "unique_recipients"
            case messagingLimit = "messaging_limit"
        }
    }

    public struct Webhooks: Codable, Sendable, Hashable {
        public var postsDelivered: Int
        /// Status updates and inbound messages in POSTs answered 200.
        public var updatesDelivered: Int
        /// POSTs not answered 200; each was retried, or abandoned at its last attempt.
        public var failedAttempts: Int
        public var postsAbandoned: Int
        /// Updates dropped because the queue was full.
        public var updatesDropped: Int
        public var duplicatesInjected: Int
        public var inboundMessages: Int
        /// Updates held now: scheduled, due, in flight or awaiting a retry.
        public var queued: Int

        enum CodingKeys: String, CodingKey {
            case postsDelivered = "posts_delivered"
            case updatesDelivered = "updates_delivered"
            case failedAttempts = "failed_attempts"
            case postsAbandoned = "posts_abandoned"
            case updatesDropped = "updates_dropped"
            case duplicatesInjected = "duplicates_injected"
            case inboundMessages = "inbound_messages"
            case queued
        }
    }

    enum CodingKeys: String, CodingKey {
        case acceptedSends = "accepted_sends"
        case distinctJobs = "distinct_jobs"
        case duplicateJobs = "duplicate_jobs"
        case acceptedPerJob = "accepted_per_job"
        case untrackedJobSends = "untracked_job_sends"
        case sendsWithoutJobID = "sends_without_job_id"
        case rejectionsByCode = "rejections_by_code"
        case serverErrors = "server_errors"
        case connectionResets = "connection_resets"
        case lostAnswers = "lost_answers"
        case numbers, portfolios, webhooks
    }
}
