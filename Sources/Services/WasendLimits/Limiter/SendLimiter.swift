import WasendCore
import WasendRedis

/// The send limits shared by every sender process through Redis: a number's messages per second
/// (scaled by its throttle factor), the portfolio's moving 24 h unique-recipient tier and the
/// (number, recipient) pair rate.
///
/// Each number's jobs of a batch go to one Lua script that checks every limit for a job, then takes
/// from all of them only if all allow: a job deferred by one limit takes nothing from another (see
/// `admitScript` for the arithmetic). All numbers' scripts go in one pipeline, so a batch costs one
/// round trip. Redis unreachable → the call throws; a sender never sends unthrottled.
public struct SendLimiter: Sendable {
    public let configuration: SendLimiterConfiguration
    private let redis: RedisClient

    public init(redis: RedisClient, configuration: SendLimiterConfiguration = SendLimiterConfiguration()) {
        self.redis = redis
        self.configuration = configuration
    }

    /// One admission per job, in the order of `jobs`. `limits` gives the configured limits of a
    /// job's number (by phone number id); Redis overrides set from webhooks win over them. `lead`
    /// puts the earliest slot further ahead than the configured ``SendLimiterConfiguration/admissionLead``
    /// when the caller knows its next steps before the send take longer; it never goes below it.
    public func admit(
        _ jobs: [SendJob], lead: Duration = .zero, limits: (_ phoneNumberID: String) -> NumberLimits
    ) async throws -> [Admission] {
        guard !jobs.isEmpty else { return [] }
        let byNumber = ScriptGroups(jobs) { SendingNumber(portfolioID: $0.portfolioID, phoneNumberID: $0.phoneNumberID) }
        let now = configuration.clock.scriptArgument
        let lead = max(lead, configuration.admissionLead)
        var pipeline = RedisPipeline(
            reservingCommands: byNumber.groups.count, bytesPerCommand: 128 * jobs.count / byNumber.groups.count)
        for group in byNumber.groups {
            appendAdmission(
                of: group.items, number: group.key, limits: limits(group.key.phoneNumberID), now: now,
                lead: lead, to: &pipeline)
        }
        let replies = try await redis.execute(pipeline)
        return byNumber.scatter(
            try zip(byNumber.groups, replies).map { group, reply in
                try Self.admissions(from: reply.throwingServerError(), count: group.items.count)
            })
    }

    /// After Meta refused `job`'s pair (131056), admits nothing more for its (number, recipient)
    /// before `notBefore`, whichever campaign or sender it comes from: the wait Meta asks for holds
    /// for the pair, not only for the refused job.
    public func holdPair(of jobs: [(job: SendJob, notBefore: Timestamp)]) async throws {
        guard !jobs.isEmpty else { return }
        var pipeline = RedisPipeline(reservingCommands: jobs.count)
        for (job, notBefore) in jobs {
            pipeline.append(
                Self.holdPairScript,
                keys: [
                    SendingKeys.pair(
                        portfolioID: job.portfolioID, phoneNumberID: job.phoneNumberID, recipientDigits: job.recipient.digits)
                ],
                arguments: [
                    notBefore.millisecondsSinceEpoch * 1000, configuration.pairRate.emissionIntervalMicroseconds,
                    configuration.pairRate.burst, configuration.clock.scriptArgument,
                ])
        }
        for reply in try await redis.execute(pipeline) {
            try reply.throwingServerError()
        }
    }

    private func appendAdmission(
        of batch: [SendJob], number: SendingNumber, limits: NumberLimits, now: Int64, lead: Duration,
        to pipeline: inout RedisPipeline
    ) {
        let portfolio = number.portfolioID
        let phone = number.phoneNumberID
        var keys: [any RedisArgument] = [
            SendingKeys.throughput(portfolioID: portfolio, phoneNumberID: phone),
            SendingKeys.numberSettings(portfolioID: portfolio, phoneNumberID: phone),
            SendingKeys.tier(portfolioID: portfolio),
            SendingKeys.recipients24h(portfolioID: portfolio),
            SendingKeys.customerServiceWindows(portfolioID: portfolio),
        ]
        keys.reserveCapacity(keys.count + batch.count)
        var arguments: [any RedisArgument] = [
            now,
            limits.messagesPerSecond,
            limits.tier.limit ?? -1,
            configuration.admissionHorizon.wholeMicroseconds,
            configuration.pairRate.emissionIntervalMicroseconds,
            configuration.pairRate.burst,
            configuration.tierWindow.wholeMilliseconds,
            configuration.throttleBackoff.increasePerSecond,
            phone,
            lead.wholeMicroseconds,
            configuration.throughputHeadroom,
        ]
        arguments.reserveCapacity(arguments.count + 2 * batch.count)
        for job in batch {
            keys.append(SendingKeys.pair(portfolioID: portfolio, phoneNumberID: phone, recipientDigits: job.recipient.digits))
            arguments.append(job.recipient.digits)
            arguments.append(job.jobID.rawValue)
        }
        pipeline.append(Self.admitScript, keys: keys, arguments: arguments)
    }

    /// Decodes the script's two entries per job.
    private static func admissions(from reply: RESPValue, count: Int) throws -> [Admission] {
        guard let entries = reply.array, entries.count == 2 * count else {
            throw SendingStateError("the admission script answered \(reply) for \(count) jobs")
        }
        return try (0..<count).map { index in
            let code = entries[2 * index].int
            let value = entries[2 * index + 1]
            if code == 4, let reason = value.string {
                return .stopped(reason: reason)
            }
            guard let code, let microseconds = value.int.map(Int64.init) else {
                throw SendingStateError("the admission script answered \(reply) for \(count) jobs")
            }
            let time = Timestamp(roundingUpMicroseconds: microseconds)
            switch code {
            case 0: return .admitted(sendAt: time)
            case 1: return .deferred(limit: .throughput, notBefore: time)
            case 2: return .deferred(limit: .messagingTier, notBefore: time)
            case 3: return .deferred(limit: .pairRate, notBefore: time)
            default: throw SendingStateError("the admission script answered an unknown code \(code)")
            }
        }
    }
}

/// A sending number with the portfolio its limiter keys are tagged by.
private struct SendingNumber: Hashable {
    var portfolioID: String
    var phoneNumberID: String
}
