import WasendCore
import WasendRedis

/// The send limits shared by every sender process through Redis: a number's messages per second
/// (scaled by its throttle factor), the portfolio's moving 24 h unique-recipient tier and the
/// (number, recipient) pair rate.
///
/// Each number's jobs of a batch go to one Lua script that checks every limit for a job, then takes
/// from all of them only if all allow: a job deferred by one limit takes nothing from another. All
/// numbers' scripts go in one pipeline, so a batch costs one round trip. Redis unreachable → the
/// call throws; a sender never sends unthrottled.
public struct SendLimiter: Sendable {
    public let configuration: SendLimiterConfiguration
    private let redis: RedisClient

    public init(redis: RedisClient, configuration: SendLimiterConfiguration = SendLimiterConfiguration()) {
        self.redis = redis
        self.configuration = configuration
    }

    /// One admission per job, in the order of `jobs`. `limits` gives the configured limits of a
    /// job's number (by phone number id); Redis overrides set from webhooks win over them.
    public func admit(
        _ jobs: [SendJob], limits: (_ phoneNumberID: String) -> NumberLimits
    ) async throws -> [Admission] {
        fatalError("milestone 2")
    }
}
