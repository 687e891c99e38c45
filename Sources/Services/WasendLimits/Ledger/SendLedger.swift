import Foundation
import WasendCore
import WasendRedis

/// The per-job record that prevents duplicate sends, and the campaign counters that go with it.
///
/// A sender reserves a job with a lease before calling the provider, and finishes it with its
/// final result; finishing and counting the result in the campaign's counters are one script, so a
/// job counts exactly once however often it is finished, replayed or settled by a webhook.
/// Entries expire ``SendLedgerConfiguration/entryLifetime`` after their last write. Every batch
/// call is one round trip.
public struct SendLedger: Sendable {
    public let configuration: SendLedgerConfiguration
    private let redis: RedisClient

    public init(redis: RedisClient, configuration: SendLedgerConfiguration = SendLedgerConfiguration()) {
        self.redis = redis
        self.configuration = configuration
    }

    /// Reserves each job for `owner` (a sender instance's unique id).
    public func reserve(_ jobs: [SendJob], owner: String) async throws -> [Reservation] {
        let now = configuration.clock.scriptArgument
        var pipeline = RedisPipeline(reservingCommands: jobs.count, bytesPerCommand: 160)
        for job in jobs {
            pipeline.append(
                Self.reserveScript,
                keys: [SendingKeys.ledgerEntry(campaignID: job.campaignID, jobID: job.jobID), CampaignKeys.campaign(job.campaignID)],
                arguments: [
                    now, owner, configuration.leaseLength.wholeMilliseconds,
                    configuration.inDoubtResendAfter.wholeMilliseconds, configuration.entryLifetime.wholeMilliseconds,
                ])
        }
        return try await redis.execute(pipeline).map { try Self.reservation(from: $0.throwingServerError()) }
    }

    /// Records final results and counts them (`accepted`, `failed:<code>`, `skipped:<reason>`);
    /// returns for each whether it was counted now (false: the job was already final, and its
    /// first result stands). A deferral is not final: use ``release(_:owner:)`` and
    /// ``recordDeferrals(_:)``.
    @discardableResult
    public func finish(_ outcomes: [SendOutcome]) async throws -> [Bool] {
        var pipeline = RedisPipeline(reservingCommands: outcomes.count, bytesPerCommand: 256)
        for outcome in outcomes {
            try appendFinish(
                jobID: outcome.jobID, campaignID: outcome.campaignID, result: outcome.result, at: outcome.finishedAt,
                to: &pipeline)
        }
        return try await redis.execute(pipeline).map { try $0.throwingServerError().int == 1 }
    }

    /// Gives jobs back unsent (a retryable failure that did not reach Meta, a throttle) so that any
    /// sender may take them at once; only `owner`'s reservations of jobs not final are released.
    public func release(_ jobs: [SendJob], owner: String) async throws {
        var pipeline = RedisPipeline(reservingCommands: jobs.count, bytesPerCommand: 128)
        for job in jobs {
            pipeline.append(
                Self.releaseScript, keys: [SendingKeys.ledgerEntry(campaignID: job.campaignID, jobID: job.jobID)],
                arguments: [owner])
        }
        for reply in try await redis.execute(pipeline) {
            try reply.throwingServerError()
        }
    }

    /// The aggregator's proof that a job was sent (a status webhook carried its id): makes it final
    /// as accepted with `wamid` at `now` (when its sender's result never came), counted once;
    /// returns false when it was already final.
    @discardableResult
    public func settle(jobID: JobID, campaignID: String, wamid: String, at now: Timestamp) async throws -> Bool {
        try await settle([(jobID, campaignID, wamid)], at: now)[0]
    }

    /// ``settle(jobID:campaignID:wamid:at:)`` for many jobs in one round trip.
    @discardableResult
    public func settle(_ jobs: [(jobID: JobID, campaignID: String, wamid: String)], at now: Timestamp) async throws -> [Bool] {
        guard !jobs.isEmpty else { return [] }
        var pipeline = RedisPipeline(reservingCommands: jobs.count, bytesPerCommand: 256)
        for job in jobs {
            try appendFinish(
                jobID: job.jobID, campaignID: job.campaignID, result: .accepted(wamid: job.wamid, messageStatus: .accepted),
                at: now, to: &pipeline)
        }
        return try await redis.execute(pipeline).map { try $0.throwingServerError().int == 1 }
    }

    /// Counts deferrals (`deferred:<limit>`): one per deferral of a job, not once per job, so a
    /// replayed deferral counts again.
    public func recordDeferrals(_ deferrals: [(campaignID: String, limit: SendLimit)]) async throws {
        var counts: [String: [String: Int]] = [:]
        for deferral in deferrals {
            counts[deferral.campaignID, default: [:]][CampaignCounterField.deferred(limit: deferral.limit.rawValue).name, default: 0] += 1
        }
        var pipeline = RedisPipeline(reservingCommands: deferrals.count)
        for (campaignID, fields) in counts {
            for (field, count) in fields {
                pipeline.append("HINCRBY", CampaignKeys.counters(campaignID), field, count)
            }
        }
        for reply in try await redis.execute(pipeline) {
            try reply.throwingServerError()
        }
    }

    private func appendFinish(
        jobID: JobID, campaignID: String, result: SendResult, at finishedAt: Timestamp, to pipeline: inout RedisPipeline
    ) throws {
        let field: CampaignCounterField
        var acceptedInterval: Int64 = -1
        switch result {
        case .accepted:
            field = .accepted
            acceptedInterval = SendRate.intervalNumber(of: finishedAt)
        case .failed(let code, _, _): field = .failed(code: String(code))
        case .skipped(let reason): field = .skipped(reason: reason.rawValue)
        case .deferred:
            throw SendingStateError("job \(jobID) cannot finish as deferred: a deferral is not final")
        }
        pipeline.append(
            Self.finishScript,
            keys: [
                SendingKeys.ledgerEntry(campaignID: campaignID, jobID: jobID), CampaignKeys.counters(campaignID),
                CampaignKeys.acceptedPerInterval(campaignID),
            ],
            arguments: [
                result.jsonBytes(capacity: 128), field.name, configuration.entryLifetime.wholeMilliseconds, acceptedInterval,
                SendRate.countsLifetime.wholeMilliseconds,
            ])
    }

    private static func reservation(from reply: RESPValue) throws -> Reservation {
        let entries = reply.array ?? []
        let numbers = entries.dropFirst().map { $0.int.map { Timestamp(millisecondsSinceEpoch: Int64($0)) } }
        switch (entries.first?.string, numbers.count) {
        case ("reserved", 2):
            if let leaseUntil = numbers[0], let previous = numbers[1] {
                return .reserved(
                    leaseUntil: leaseUntil, previouslyInDoubtSince: previous.millisecondsSinceEpoch < 0 ? nil : previous)
            }
        case ("held", 1):
            if let until = numbers[0] { return .heldByLiveOwner(until: until) }
        case ("doubt", 2):
            if let reservedAt = numbers[0], let resendableAt = numbers[1] {
                return .inDoubt(reservedAt: reservedAt, resendableAt: resendableAt)
            }
        case ("unknown", 0):
            return .campaignUnknown
        case ("final", 1):
            if let json = entries[1].bytes {
                return .alreadyFinal(try JSONDecoder().decode(SendResult.self, from: Data(json)))
            }
        default:
            break
        }
        throw SendingStateError("the reserve script answered \(reply)")
    }
}
