import WasendCloudAPI
import WasendCore

/// What the sender does after one answer from the Cloud API, by the core's classification.
/// Pure, so every branch is tested without a server.
enum SendDecision: Sendable, Hashable {
    /// Meta took it: the result goes out with the wamid.
    case accepted(wamid: String, messageStatus: SendResult.AcceptedMessageStatus)
    /// Try again at `notBefore` as attempt `attempt`, slowing down `slowDown` first.
    case retry(attempt: Int, notBefore: Timestamp, slowDown: SlowDown?, cause: CloudAPIError)
    /// The job failed for good.
    case failed(code: Int, errorClass: ErrorClass, details: String?)
    /// The number cannot send (token, permission, block, billing): it stops, and the job waits
    /// for it, unburned.
    case stopNumber(CloudAPIError)

    /// Which limit a throttling answer tightens (AIMD: the rate is cut, then grows back).
    enum SlowDown: Sendable, Hashable {
        /// 130429: the number's throughput.
        case number
        /// 131056: this number's pair rate towards this recipient.
        case pair
    }

    static func decide(
        _ outcome: CloudAPISendOutcome, for job: SendJob, policy: RetryPolicy, now: Timestamp,
        using random: inout some RandomNumberGenerator
    ) -> SendDecision {
        let error: CloudAPIError
        switch outcome {
        case .accepted(let acceptance):
            return .accepted(wamid: acceptance.wamid, messageStatus: acceptance.messageStatus)
        case .failed(let failure):
            error = failure
        }
        let advice = error.advice
        switch policy.decision(after: job.attempt, advice: advice, using: &random) {
        case .waitForResume:
            return .stopNumber(error)
        case .giveUp:
            let result = CloudAPISendOutcome.failed(error).sendResult
            guard case .failed(let code, let errorClass, let details) = result else {
                return .failed(code: SendResult.transportFailureCode, errorClass: advice.errorClass, details: nil)
            }
            return .failed(code: code, errorClass: errorClass, details: details)
        case .retry(let delay):
            var slowDown: SlowDown?
            if advice.errorClass == .throttled {
                switch advice.scope {
                case .phoneNumber: slowDown = .number
                case .recipient: slowDown = .pair
                default: slowDown = nil
                }
            }
            return .retry(attempt: job.attempt + 1, notBefore: now + delay, slowDown: slowDown, cause: error)
        }
    }
}
