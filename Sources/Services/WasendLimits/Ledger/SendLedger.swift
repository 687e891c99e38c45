import Foundation
import WasendCore
import WasendRedis

/// The per-job record that prevents duplicate sends, and the campaign counters that go with it.
///
/// A sender reserves a job with a lease before calling the provider, and finishes it with its
/// final result; finishing and counting the result in the campaign's counters are one script, so a
/// job counts exactly once however often it is finished, replayed or settled by a webhook.
/// Entries expire ``SendLedgerConfiguration/entryLifetime`` after their last write. Every batch
/// call is one round trip, with one script call per campaign in it.
public struct SendLedger: Sendable {
    public let configuration: SendLedgerConfiguration
    private let redis: RedisClient

    public init(redis: RedisClient, configuration: SendLedgerConfiguration = SendLedgerConfiguration()) {
        self.redis = redis
        self.configuration = configuration
    }

    /// Reserves each job for `owner` (a sender instance's unique id).
    public func reserve(_ jobs: [SendJob], owner: String) async throws -> [Reservation] {
        guard !jobs.isEmpty else { return [] }
        let now = configuration.clock.scriptArgument
        let byCampaign = ScriptGroups(jobs, by: \.campaignID)
        var pipeline = RedisPipeline(
            reservingCommands: byCampaign.groups.count, bytesPerCommand: 96 * jobs.count / byCampaign.groups.count)
        for (campaignID, campaignJobs) in byCampaign.groups {
            pipeline.append(
                Self.reserveScript,
                keys: [CampaignKeys.campaign(campaignID)]
                    + campaignJobs.map { SendingKeys.ledgerEntry(campaignID: campaignID, jobID: $0.jobID) },
                arguments: [
                    now, owner, configuration.leaseLength.wholeMilliseconds,
                    configuration.inDoubtResendAfter.wholeMilliseconds, configuration.entryLifetime.wholeMilliseconds,
                ])
        }
        let replies = try await redis.execute(pipeline)
        return byCampaign.scatter(
            try zip(byCampaign.groups, replies).map { group, reply in
                try Self.answers(of: reply, count: group.items.count, script: "reserve").map(Self.reservation(from:))
            })
    }

    /// Records final results and counts them (`accepted`, `failed:<code>`, `skipped:<reason>`);
    /// returns for each whether it was counted now (false: the job was already final, and its
    /// first result stands). A deferral is not final: use ``release(_:owner:)`` and
    /// ``recordDeferrals(_:)``.
    @discardableResult
    public func finish(_ outcomes: [SendOutcome]) async throws -> [Bool] {
        try await makeFinal(
            outcomes.map { FinalResult(jobID: $0.jobID, campaignID: $0.campaignID, result: $0.result, at: $0.finishedAt) })
    }

    /// Gives jobs back unsent (a retryable failure that did not reach Meta, a throttle) so that any
    /// sender may take them at once; only `owner`'s reservations of jobs not final are released.
    public func release(_ jobs: [SendJob], owner: String) async throws {
        guard !jobs.isEmpty else { return }
        let byCampaign = ScriptGroups(jobs, by: \.campaignID)
        var pipeline = RedisPipeline(
            reservingCommands: byCampaign.groups.count, bytesPerCommand: 80 * jobs.count / byCampaign.groups.count)
        for (campaignID, campaignJobs) in byCampaign.groups {
            pipeline.append(
                Self.releaseScript,
                keys: campaignJobs.map { SendingKeys.ledgerEntry(campaignID: campaignID, jobID: $0.jobID) },
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
        try await makeFinal(
            jobs.map {
                FinalResult(
                    jobID: $0.jobID, campaignID: $0.campaignID, result: .accepted(wamid: $0.wamid, messageStatus: .accepted),
                    at: now)
            })
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

    /// A result to make final, from a sender's outcome or a webhook's proof.
    private struct FinalResult {
        var jobID: JobID
        var campaignID: String
        var result: SendResult
        var at: Timestamp
    }

    /// The finish script once per campaign; for each result, whether it was counted now.
    private func makeFinal(_ results: [FinalResult]) async throws -> [Bool] {
        guard !results.isEmpty else { return [] }
        let byCampaign = ScriptGroups(results, by: \.campaignID)
        var pipeline = RedisPipeline(
            reservingCommands: byCampaign.groups.count, bytesPerCommand: 256 * results.count / byCampaign.groups.count)
        for (campaignID, campaignResults) in byCampaign.groups {
            var keys: [any RedisArgument] = [CampaignKeys.counters(campaignID), CampaignKeys.acceptedPerInterval(campaignID)]
            var arguments: [any RedisArgument] = [
                configuration.entryLifetime.wholeMilliseconds, SendRate.countsLifetime.wholeMilliseconds,
            ]
            keys.reserveCapacity(keys.count + campaignResults.count)
            arguments.reserveCapacity(arguments.count + 3 * campaignResults.count)
            for final in campaignResults {
                let field: CampaignCounterField
                var acceptedInterval: Int64 = -1
                switch final.result {
                case .accepted:
                    field = .accepted
                    acceptedInterval = SendRate.intervalNumber(of: final.at)
                case .failed(let code, _, _): field = .failed(code: String(code))
                case .skipped(let reason): field = .skipped(reason: reason.rawValue)
                case .deferred:
                    throw SendingStateError("job \(final.jobID) cannot finish as deferred: a deferral is not final")
                }
                keys.append(SendingKeys.ledgerEntry(campaignID: campaignID, jobID: final.jobID))
                arguments.append(final.result.jsonBytes(capacity: 128))
                arguments.append(field.name)
                arguments.append(acceptedInterval)
            }
            pipeline.append(Self.finishScript, keys: keys, arguments: arguments)
        }
        let replies = try await redis.execute(pipeline)
        return byCampaign.scatter(
            try zip(byCampaign.groups, replies).map { group, reply in
                try Self.answers(of: reply, count: group.items.count, script: "finish").map { $0.int == 1 }
            })
    }

    /// A batch script's answer per job, checked to be one for each.
    private static func answers(of reply: RESPValue, count: Int, script: String) throws -> [RESPValue] {
        let answers = try reply.throwingServerError().array ?? []
        guard answers.count == count else {
            throw SendingStateError("the \(script) script answered \(reply) for \(count) jobs")
        }
        return answers
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
