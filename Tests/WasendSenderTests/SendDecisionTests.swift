import Testing
import WasendCloudAPI
import WasendCore

@testable import WasendSender

@Suite struct SendDecisionTests {
    private let now = Timestamp(millisecondsSinceEpoch: 1_700_000_000_000)
    private let policy = RetryPolicy(maximumAttempts: 3, baseDelay: .seconds(1), maximumDelay: .seconds(60))

    private func job(attempt: Int = 1) throws -> SendJob {
        let recipient = try PhoneNumber(e164Digits: "4915112345678")
        return SendJob(
            jobID: JobID(campaignID: "c1", recipient: recipient), campaignID: "c1", phoneNumberID: "1001",
            portfolioID: "2001", recipient: recipient, category: .marketing,
            message: .text(TextMessage(body: "hi")), attempt: attempt)
    }

    private func failure(_ code: Int) -> CloudAPISendOutcome {
        .failed(CloudAPIError(code: code, message: "(#\(code))", advice: ErrorClassification.advice(forCode: code)))
    }

    private func decide(_ outcome: CloudAPISendOutcome, attempt: Int = 1) throws -> SendDecision {
        var random = SplitMix64(seed: 42)
        return SendDecision.decide(outcome, for: try job(attempt: attempt), policy: policy, now: now, using: &random)
    }

    @Test func acceptedKeepsTheWamid() throws {
        let outcome = CloudAPISendOutcome.accepted(.init(wamid: "wamid.1", messageStatus: .accepted))
        #expect(try decide(outcome) == .accepted(wamid: "wamid.1", messageStatus: .accepted))
    }

    @Test func throughputThrottlingSlowsTheNumber() throws {
        guard case .retry(let attempt, let notBefore, let slowDown, _) = try decide(failure(130429)) else {
            Issue.record("130429 must be retried")
            return
        }
        #expect(attempt == 2)
        #expect(slowDown == .number)
        #expect(notBefore >= now + .seconds(1))
    }

    @Test func pairThrottlingSlowsThePairByPowersOfFour() throws {
        guard case .retry(_, let notBefore, let slowDown, _) = try decide(failure(131056)) else {
            Issue.record("131056 must be retried")
            return
        }
        #expect(slowDown == .pair)
        #expect(notBefore >= now + .seconds(4) && notBefore <= now + .seconds(5), "4^1 s plus up to a quarter of jitter")
    }

    @Test func transientErrorsBackOffThenFail() throws {
        guard case .retry(_, _, let slowDown, _) = try decide(failure(131000)) else {
            Issue.record("131000 must be retried")
            return
        }
        #expect(slowDown == nil)
        #expect(try decide(failure(131000), attempt: 3) == .failed(code: 131000, errorClass: .transient, details: "(#131000)"))
    }

    @Test(arguments: [190, 368, 131031, 131042])
    func stopSenderCodesStopTheNumberWithoutBurningTheJob(code: Int) throws {
        guard case .stopNumber(let error) = try decide(failure(code), attempt: 99) else {
            Issue.record("\(code) must stop the number")
            return
        }
        #expect(error.code == code)
    }

    @Test func permanentErrorsFailAtOnce() throws {
        #expect(try decide(failure(131026)) == .failed(code: 131026, errorClass: .permanent, details: "(#131026)"))
    }
}
