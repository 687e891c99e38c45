import Testing
import WasendCore

@Suite("Error classification")
struct ErrorClassificationTests {
    /// FACTS.md, "Error classes", code by code.
    static let facts: [(codes: [Int], errorClass: ErrorClass)] = [
        ([4, 80007, 613, 130429, 131056, 131048], .throttled),
        ([1, 2, 131000, 131016, 131057, 133004, 2_494_100], .transient),
        ([0, 190, 3, 10, 368, 131031, 131042, 131064] + Array(200...299), .stopSender),
        (
            [100, 131008, 131009, 131021, 131026, 131047, 131049, 131050, 131051, 131053, 133010, 130472, 130497]
                + Array(132000...132016), .permanent
        ),
    ]

    @Test("Every code in FACTS.md has its class", arguments: facts.indices)
    func everyCode(row: Int) {
        let (codes, errorClass) = Self.facts[row]
        for code in codes {
            let advice = ErrorClassification.advice(forCode: code)
            #expect(advice.errorClass == errorClass, "code \(code)")
            switch errorClass {
            case .throttled, .transient:
                #expect(advice.retryable, "code \(code)")
            case .stopSender:
                #expect(advice.retryTiming == .afterResume, "code \(code): jobs are kept for the resume")
            case .permanent:
                #expect(!advice.retryable, "code \(code)")
            }
        }
    }

    @Test("The advice reaches the right scope")
    func scopes() {
        func scope(_ code: Int) -> ErrorAdvice.Scope { ErrorClassification.advice(forCode: code).scope }
        #expect(scope(130429) == .phoneNumber)
        #expect(scope(131056) == .recipient)
        #expect(scope(131048) == .portfolio)
        #expect(scope(4) == .app)
        #expect(scope(190) == .app)
        #expect(scope(131031) == .phoneNumber)
        #expect(scope(131042) == .portfolio)
        #expect(scope(131026) == .recipient)
        #expect(scope(132015) == .template)
        #expect(scope(131000) == .message)
    }

    @Test("Meta's specific advice: 4^n for the pair rate, 24 h for the marketing limit, opt-out on 131050")
    func specificAdvice() {
        let pair = ErrorClassification.advice(forCode: 131056)
        #expect(pair.retryTiming == .powersOfFour)
        let marketing = ErrorClassification.advice(forCode: 131049)
        #expect(!marketing.retryable)
        #expect(marketing.minimumRetryDelay == .seconds(24 * 3600))
        #expect(ErrorClassification.advice(forCode: 131050).optsOut)
        let optingOut = Self.facts.flatMap(\.codes).filter { ErrorClassification.advice(forCode: $0).optsOut }
        #expect(optingOut == [131050], "only 131050 means opt-out")
    }

    @Test("Unknown codes fail the message for good")
    func unknownCode() {
        for code in [-5, 5, 99_999, 131_999, 132_017, 9_999_999] {
            let advice = ErrorClassification.advice(forCode: code)
            #expect(advice.errorClass == .permanent)
            #expect(advice.scope == .message)
        }
    }

    @Test("HTTP status without a code: 5xx, 408 and transport failures are transient, 429 throttled")
    func httpStatus() {
        for status in [500, 502, 503, 504, 599, 408] {
            #expect(ErrorClassification.advice(forHTTPStatus: status)?.errorClass == .transient, "HTTP \(status)")
        }
        #expect(ErrorClassification.advice(forHTTPStatus: 429)?.errorClass == .throttled)
        for status in [200, 400, 401, 403, 404] {
            #expect(ErrorClassification.advice(forHTTPStatus: status) == nil, "HTTP \(status)")
        }
        #expect(ErrorClassification.transportFailure.errorClass == .transient)
        #expect(ErrorClassification.transportFailure.retryable)
    }
}

@Suite("Retry policy")
struct RetryPolicyTests {
    func delay(_ decision: RetryPolicy.Decision) -> Duration? {
        if case .retry(let after) = decision { after } else { nil }
    }

    @Test("Exponential backoff stays between half and all of base·2^(n−1), capped, and gives up after the last attempt")
    func exponential() {
        let policy = RetryPolicy(maximumAttempts: 6, baseDelay: .seconds(1), maximumDelay: .seconds(10))
        let advice = ErrorClassification.advice(forCode: 131000)
        var random = SplitMix64(seed: 42)
        for attempt in 1..<6 {
            let ceiling = min(Duration.seconds(10), .seconds(1) * (1 << (attempt - 1)))
            for _ in 0..<50 {
                let wait = delay(policy.decision(after: attempt, advice: advice, using: &random))
                #expect(wait.map { $0 >= ceiling / 2 && $0 <= ceiling } == true, "attempt \(attempt): \(String(describing: wait))")
            }
        }
        #expect(policy.decision(after: 6, advice: advice, using: &random) == .giveUp)
    }

    @Test("The same seed gives the same delays")
    func reproducible() {
        let policy = RetryPolicy()
        let advice = ErrorClassification.transportFailure
        var first = SplitMix64(seed: 7)
        var second = SplitMix64(seed: 7)
        let a = (1...5).map { policy.decision(after: $0, advice: advice, using: &first) }
        let b = (1...5).map { policy.decision(after: $0, advice: advice, using: &second) }
        #expect(a == b)
    }

    @Test("131056 waits 4^n seconds plus at most a quarter more")
    func powersOfFour() {
        let policy = RetryPolicy()
        let advice = ErrorClassification.advice(forCode: 131056)
        var random = SplitMix64(seed: 3)
        for (attempt, seconds) in [(1, 4), (2, 16), (3, 64), (7, 16384)] {
            for _ in 0..<50 {
                let wait = delay(policy.decision(after: attempt, advice: advice, using: &random))
                let lowest = Duration.seconds(seconds)
                #expect(wait.map { $0 >= lowest && $0 <= lowest * 1.25 } == true, "attempt \(attempt)")
            }
        }
        #expect(policy.decision(after: 8, advice: advice, using: &random) == .giveUp)
    }

    @Test("A throttle of the app, portfolio or number never gives up and stays capped; the pair rate's does", arguments: [4, 80007, 130429, 131048])
    func senderThrottlesNeverGiveUp(code: Int) {
        let policy = RetryPolicy(maximumAttempts: 3, baseDelay: .seconds(1), maximumDelay: .seconds(900))
        let advice = ErrorClassification.advice(forCode: code)
        var random = SplitMix64(seed: 11)
        for attempt in [3, 8, 100] {
            let wait = delay(policy.decision(after: attempt, advice: advice, using: &random))
            #expect(wait.map { $0 >= (advice.minimumRetryDelay ?? .zero) && $0 <= .seconds(900) } == true, "attempt \(attempt)")
        }
        #expect(
            policy.decision(after: 3, advice: ErrorClassification.advice(forCode: 131056), using: &random) == .giveUp)
    }

    @Test("The advice's minimum wins over a shorter backoff")
    func minimumDelay() {
        var random = SplitMix64(seed: 5)
        let decision = RetryPolicy().decision(after: 1, advice: ErrorClassification.advice(forCode: 80007), using: &random)
        #expect(decision == .retry(after: .seconds(60)))
    }

    @Test("Permanent errors give up, stop-sender errors wait for the resume")
    func nonRetryable() {
        var random = SplitMix64(seed: 1)
        let policy = RetryPolicy()
        #expect(policy.decision(after: 1, advice: ErrorClassification.advice(forCode: 131026), using: &random) == .giveUp)
        #expect(
            policy.decision(after: 100, advice: ErrorClassification.advice(forCode: 190), using: &random)
                == .waitForResume)
    }
}
