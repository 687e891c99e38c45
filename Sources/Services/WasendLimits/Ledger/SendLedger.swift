import WasendCore
import WasendRedis

/// The per-job record that prevents duplicate sends, and the campaign counters that go with it.
///
/// A sender reserves a job with a lease before calling the provider, and finishes it with its
/// final result; finishing and counting the result in the campaign's counters are one script, so a
/// job counts exactly once however often it is finished, replayed or settled by a webhook.
/// Entries expire ``SendLedgerConfiguration/entryLifetime`` after their last write.
public struct SendLedger: Sendable {
    public let configuration: SendLedgerConfiguration
    private let redis: RedisClient

    public init(redis: RedisClient, configuration: SendLedgerConfiguration = SendLedgerConfiguration()) {
        self.redis = redis
        self.configuration = configuration
    }

    /// Reserves each job for `owner` (a sender instance's unique id), in one round trip.
    public func reserve(_ jobs: [SendJob], owner: String) async throws -> [Reservation] {
        fatalError("milestone 2")
    }

    /// Records final results and counts them (`accepted`, `failed:<code>`, `skipped:<reason>`);
    /// returns for each whether it was counted now (false: the job was already final, and its
    /// first result stands). A deferral is not final: use ``release(_:owner:)`` and
    /// ``recordDeferrals(_:)``.
    @discardableResult
    public func finish(_ results: [SendOutcome]) async throws -> [Bool] {
        fatalError("milestone 2")
    }

    /// Gives jobs back unsent (deferred, or a retryable failure) so that any sender may take them
    /// at once; only `owner`'s live reservations are released.
    public func release(_ jobs: [SendJob], owner: String) async throws {
        fatalError("milestone 2")
    }

    /// The aggregator's proof that a job was sent (a status webhook carried its id): makes it final
    /// as accepted with `wamid`, counted once; returns false when it was already final.
    @discardableResult
    public func settle(jobID: JobID, campaignID: String, wamid: String) async throws -> Bool {
        fatalError("milestone 2")
    }

    /// Counts deferrals (`deferred:<limit>`), one per deferral of a job, not once per job.
    public func recordDeferrals(_ deferrals: [(campaignID: String, limit: SendLimit)]) async throws {
        fatalError("milestone 2")
    }
}
