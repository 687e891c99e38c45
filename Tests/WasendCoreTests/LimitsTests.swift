import Testing
import WasendCore

@Suite("Limits arithmetic")
struct LimitsTests {
    static func ms(_ milliseconds: Int64) -> Timestamp { Timestamp(millisecondsSinceEpoch: milliseconds) }

    @Test("Rates become emission intervals in whole microseconds, rounded toward slower")
    func intervals() {
        #expect(GCRA(ratePerSecond: 80, burst: 1).emissionIntervalMicroseconds == 12_500)
        #expect(GCRA(ratePerSecond: 1000, burst: 1).emissionIntervalMicroseconds == 1_000)
        #expect(GCRA(ratePerSecond: 3, burst: 1).emissionIntervalMicroseconds == 333_334)
        #expect(GCRA(emissionInterval: .milliseconds(6000), burst: 45) == GCRA.pairRate)
        #expect(GCRA(emissionInterval: .nanoseconds(1), burst: 0) == GCRA(ratePerSecond: 1_000_000, burst: 1))
        #expect(GCRA.throughput(messagesPerSecond: 80) == GCRA(ratePerSecond: 80, burst: 80))
    }

    @Test("An idle limiter gives its burst at once, then one token per interval")
    func burstThenRate() {
        let limiter = GCRA(ratePerSecond: 80, burst: 4)  // T = 12.5 ms
        var state = GCRA.State()
        let start = Self.ms(1_000_000)
        for _ in 0..<4 {
            #expect(limiter.acquire(1, from: &state, now: start).granted == 1)
        }
        let refused = limiter.acquire(1, from: &state, now: start)
        // The token is due 12.5 ms later; retry times round up to 13 ms, and at 12 ms it is still too early.
        #expect(refused == GCRA.Acquisition(granted: 0, retryAt: Self.ms(1_000_013)))
        #expect(limiter.acquire(1, from: &state, now: Self.ms(1_000_012)).granted == 0)
        #expect(limiter.acquire(1, from: &state, now: Self.ms(1_000_013)).granted == 1)
        // The next token is due at 25 ms after the start.
        #expect(limiter.acquire(1, from: &state, now: Self.ms(1_000_024)).retryAt == Self.ms(1_000_025))
        #expect(limiter.acquire(1, from: &state, now: Self.ms(1_000_025)).granted == 1)
    }

    @Test("Over any window the limiter admits at most burst + rate·t")
    func neverExceeds() {
        let limiter = GCRA(ratePerSecond: 80, burst: 10)
        var state = GCRA.State()
        var granted = 0
        for millisecond in Int64(0)..<10_000 {
            granted += limiter.acquire(upTo: 3, from: &state, now: Self.ms(millisecond)).granted
        }
        // 10 s at 80/s plus the initial burst of 10.
        #expect(granted <= 810)
        #expect(granted >= 800)
    }

    @Test("Taking n at once is all or nothing; more than the burst is never possible")
    func exactBatch() {
        let limiter = GCRA(emissionInterval: .milliseconds(100), burst: 5)
        var state = GCRA.State()
        let now = Self.ms(10_000)
        #expect(limiter.acquire(3, from: &state, now: now).granted == 3)
        let refused = limiter.acquire(3, from: &state, now: now)
        #expect(refused == GCRA.Acquisition(granted: 0, retryAt: now + .milliseconds(100)))
        #expect(limiter.acquire(3, from: &state, now: now + .milliseconds(100)).granted == 3)
        #expect(limiter.acquire(6, from: &state, now: now + .seconds(100)) == GCRA.Acquisition(granted: 0, retryAt: nil))
        #expect(limiter.acquire(0, from: &state, now: now).granted == 0)
    }

    @Test("Taking up to n gives what is available and says when the next token comes")
    func partialBatch() {
        let limiter = GCRA(emissionInterval: .milliseconds(100), burst: 5)
        var state = GCRA.State()
        let now = Self.ms(10_000)
        #expect(limiter.acquire(upTo: 3, from: &state, now: now) == GCRA.Acquisition(granted: 3, retryAt: nil))
        #expect(
            limiter.acquire(upTo: 10, from: &state, now: now)
                == GCRA.Acquisition(granted: 2, retryAt: now + .milliseconds(100)))
        #expect(
            limiter.acquire(upTo: 10, from: &state, now: now + .milliseconds(99))
                == GCRA.Acquisition(granted: 0, retryAt: now + .milliseconds(100)))
        #expect(
            limiter.acquire(upTo: 10, from: &state, now: now + .milliseconds(250))
                == GCRA.Acquisition(granted: 2, retryAt: now + .milliseconds(300)))
        // After a long idle time only the burst is available, not the time's worth.
        #expect(limiter.acquire(upTo: 100, from: &state, now: now + .seconds(3600)).granted == 5)
    }

    @Test("Both forms agree: up-to takes exactly what all-or-nothing allows")
    func formsAgree() {
        let limiter = GCRA(emissionInterval: .milliseconds(7), burst: 6)
        var exactState = GCRA.State()
        var upToState = GCRA.State()
        for step in Int64(0)..<2_000 {
            let now = Self.ms(step * 3)
            let want = Int(step % 4) + 1
            let exact = limiter.acquire(want, from: &exactState, now: now)
            var probe = upToState
            let upTo = limiter.acquire(upTo: want, from: &probe, now: now)
            #expect((exact.granted == want) == (upTo.granted == want))
            if exact.granted == want { upToState = probe }
            #expect(exactState == upToState)
        }
    }

    @Test("Idle limiters can be forgotten at their TAT")
    func idle() {
        let limiter = GCRA.pairRate
        var state = GCRA.State()
        #expect(limiter.idleAt(state) == nil)
        _ = limiter.acquire(2, from: &state, now: Self.ms(0))
        #expect(limiter.idleAt(state) == Self.ms(12_000))
    }

    @Test("Pair limit: 45 messages at once to one recipient, then one every 6 s")
    func pairLimit() {
        let pair = GCRA.pairRate
        var state = GCRA.State()
        let start = Self.ms(5_000_000)
        for _ in 0..<45 {
            #expect(pair.acquire(1, from: &state, now: start).granted == 1)
        }
        let refused = pair.acquire(1, from: &state, now: start + .milliseconds(5_999))
        #expect(refused == GCRA.Acquisition(granted: 0, retryAt: start + .seconds(6)))
        #expect(pair.acquire(1, from: &state, now: start + .seconds(6)).granted == 1)
        #expect(pair.acquire(1, from: &state, now: start + .seconds(6)).granted == 0)
        // Silence gives the burst back: after 45 · 6 s a whole burst is available again.
        #expect(pair.acquire(upTo: 50, from: &state, now: start + .seconds(6 + 45 * 6)).granted == 45)
    }

    @Test("Messaging tiers follow Meta's steps")
    func tiers() {
        #expect(MessagingTier(maxDailyConversations: 250) == .tier250)
        #expect(MessagingTier(maxDailyConversations: 2000) == .tier2K)
        #expect(MessagingTier(maxDailyConversations: 10_000) == .tier10K)
        #expect(MessagingTier(maxDailyConversations: 100_000) == .tier100K)
        #expect(MessagingTier(maxDailyConversations: -1) == .unlimited)
        #expect(MessagingTier(maxDailyConversations: 1999) == .tier250)
        #expect(MessagingTier(maxDailyConversations: 249) == nil)
        #expect(MessagingTier.all == MessagingTier.all.sorted())
        #expect(MessagingTier.unlimited.limit == nil)
        #expect(MessagingTier.tier10K.description == "10000")
    }

    @Test("The 24 h window counts each recipient once and frees a place exactly 24 h after its last message")
    func uniqueRecipients() throws {
        let day = UniqueRecipientWindow.length
        let start = Self.ms(1_000_000_000)
        let counted = try (0..<250).map { try PhoneNumber(e164Digits: "44791100\(1000 + $0)") }
        let newcomer = try PhoneNumber(e164Digits: "4915123456789")
        let inConversation = try PhoneNumber(e164Digits: "33612345678")
        var window = UniqueRecipientWindow(tier: .tier250)

        // Fill the 250 tier, one recipient a second.
        for (offset, phone) in counted.enumerated() {
            let admission = window.admit(phone, now: start + .seconds(Int64(offset)), customerServiceWindowOpen: false)
            #expect(admission == .admitted(counted: true))
        }
        #expect(window.count(at: start + .seconds(250)) == 250)
        #expect(window.remaining(at: start + .seconds(250)) == 0)

        // Someone already counted goes through without counting again, and stays counted longer.
        #expect(
            window.admit(counted[0], now: start + .seconds(300), customerServiceWindowOpen: false)
                == .admitted(counted: false))
        // Someone in an open customer-service window is not counted at all.
        #expect(
            window.admit(inConversation, now: start + .seconds(300), customerServiceWindowOpen: true)
                == .admitted(counted: false))
        #expect(window.count(at: start + .seconds(300)) == 250)

        // A newcomer waits for the oldest counted recipient to leave: counted[1], at start + 1 s + 24 h.
        let freed = start + .seconds(1) + day
        #expect(window.admit(newcomer, now: start + .seconds(301), customerServiceWindowOpen: false) == .refused(retryAt: freed))
        #expect(
            window.admit(newcomer, now: freed - .milliseconds(1), customerServiceWindowOpen: false)
                == .refused(retryAt: freed))
        #expect(window.admit(newcomer, now: freed, customerServiceWindowOpen: false) == .admitted(counted: true))

        // A day after start + 100 s: counted[101...249], counted[0] (last at 300 s) and the newcomer.
        #expect(window.count(at: start + .seconds(100) + day) == 149 + 1 + 1)
        // A day after start + 300 s: only the newcomer.
        #expect(window.count(at: start + .seconds(300) + day) == 1)
        #expect(window.remaining(at: start + .seconds(300) + day) == 249)
    }

    @Test("An unlimited tier admits everyone and still counts them")
    func unlimited() throws {
        var window = UniqueRecipientWindow(tier: .unlimited)
        for index in 0..<3000 {
            let phone = try PhoneNumber(e164Digits: "4915100\(100_000 + index)")
            #expect(window.admit(phone, now: Self.ms(Int64(index)), customerServiceWindowOpen: false) == .admitted(counted: true))
        }
        #expect(window.count(at: Self.ms(3000)) == 3000)
        #expect(window.remaining(at: Self.ms(3000)) == nil)
    }
}

@Suite("Customer-service window")
struct CustomerServiceWindowTests {
    @Test("Open for exactly 24 h after the user's last message")
    func window() {
        let message = Timestamp(millisecondsSinceEpoch: 1_000_000)
        let closes = CustomerServiceWindow.closes(lastUserMessageAt: message)
        #expect(closes == message + .seconds(86_400))
        #expect(CustomerServiceWindow.isOpen(lastUserMessageAt: message, now: message))
        #expect(CustomerServiceWindow.isOpen(lastUserMessageAt: message, now: closes - .milliseconds(1)))
        #expect(!CustomerServiceWindow.isOpen(lastUserMessageAt: message, now: closes))
        #expect(!CustomerServiceWindow.isOpen(lastUserMessageAt: nil, now: message))
    }
}
