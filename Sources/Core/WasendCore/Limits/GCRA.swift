/// The Generic Cell Rate Algorithm: a rate limit with bursts, kept in a single number per key.
///
/// Used for a number's messages per second and for the pair rate (see ``pairRate``). The same
/// arithmetic runs in the senders' Redis Lua scripts and in the simulator; this type is its
/// reference, and the formulas below are exact (integer microseconds, no floating point).
///
/// **Parameters.** `T` = ``emissionIntervalMicroseconds`` (the time one token is worth);
/// `B` = ``burst`` (tokens that may be taken at once from an idle limiter).
///
/// **State.** `TAT`, the theoretical arrival time, in microseconds since the epoch. A missing key
/// means `TAT = now`. A stored `TAT ≤ now` is the same as a missing key, so Redis may expire the
/// key at `TAT` (`SET key TAT PX ceil((TAT − now) / 1000)`).
///
/// **Taking exactly n tokens** (``acquire(_:from:now:)``), with `now` in microseconds:
/// ```
/// tat     = max(TAT or now, now)
/// newTAT  = tat + n·T
/// allowAt = newTAT − B·T
/// if n > B:          refused for good (a burst can never hold n)
/// if allowAt ≤ now:  granted n; TAT := newTAT
/// else:              refused; TAT unchanged; retry at allowAt
/// ```
/// **Taking up to n tokens** (``acquire(upTo:from:now:)``), for batch acquisition:
/// ```
/// tat       = max(TAT or now, now)
/// available = clamp(floor((now − tat + B·T) / T), 0, B)
/// k         = min(n, available)
/// if k > 0:  TAT := tat + k·T
/// if k < n:  retry at tat + (k + 1)·T − B·T     (when the next token frees up)
/// ```
/// Retry times are rounded up to whole milliseconds, so that waiting until then always suffices.
public struct GCRA: Sendable, Hashable {
    /// The time one token is worth, in microseconds (`T`).
    public let emissionIntervalMicroseconds: Int64
    /// How many tokens an idle limiter gives at once (`B`, at least 1).
    public let burst: Int

    public init(emissionInterval: Duration, burst: Int) {
        let (seconds, attoseconds) = emissionInterval.components
        let microseconds = seconds.saturatingMultiplied(by: 1_000_000).saturatingAdding(
            (attoseconds + 999_999_999_999) / 1_000_000_000_000)
        self.emissionIntervalMicroseconds = max(1, microseconds)
        self.burst = max(1, burst)
    }

    /// `T = ceil(1,000,000 / ratePerSecond)` µs: 80/s gives 12,500 µs exactly; a rate that does not
    /// divide a second is rounded toward slower, never faster.
    public init(ratePerSecond: Int, burst: Int) {
        let rate = Int64(max(1, ratePerSecond))
        self.emissionIntervalMicroseconds = (1_000_000 + rate - 1) / rate
        self.burst = max(1, burst)
    }

    /// The pair limit: one message per 6 s per (number, recipient), bursts up to 45 borrowing
    /// from later (FACTS.md). Keyed by phone number id and recipient digits.
    public static let pairRate = GCRA(emissionInterval: .seconds(6), burst: 45)

    /// A number's throughput: `messagesPerSecond` with bursts of one second's worth by default.
    public static func throughput(messagesPerSecond: Int, burst: Int? = nil) -> GCRA {
        GCRA(ratePerSecond: messagesPerSecond, burst: burst ?? messagesPerSecond)
    }

    /// The limiter state for one key: the theoretical arrival time.
    public struct State: Sendable, Hashable, Codable {
        /// `TAT` in microseconds since the epoch; `nil` for a key never used (or expired).
        public var theoreticalArrivalMicroseconds: Int64?

        public init(theoreticalArrivalMicroseconds: Int64? = nil) {
            self.theoreticalArrivalMicroseconds = theoreticalArrivalMicroseconds
        }
    }

    public struct Acquisition: Sendable, Hashable {
        /// Tokens taken (0 when refused).
        public var granted: Int
        /// When to ask again for what was not granted; `nil` when everything was granted, or when
        /// the request can never be granted (more than ``GCRA/burst`` tokens at once).
        public var retryAt: Timestamp?

        public init(granted: Int, retryAt: Timestamp?) {
            self.granted = granted
            self.retryAt = retryAt
        }
    }

    /// Takes exactly `tokens` tokens or none.
    public func acquire(_ tokens: Int, from state: inout State, now: Timestamp) -> Acquisition {
        guard tokens > 0 else { return Acquisition(granted: 0, retryAt: nil) }
        guard tokens <= burst else { return Acquisition(granted: 0, retryAt: nil) }
        let now = Self.microseconds(now)
        let tat = max(state.theoreticalArrivalMicroseconds ?? now, now)
        let newTAT = tat.saturatingAdding(tokenTime(tokens))
        let allowAt = newTAT.saturatingSubtracting(tokenTime(burst))
        guard allowAt <= now else { return Acquisition(granted: 0, retryAt: Self.timestamp(roundingUp: allowAt)) }
        state.theoreticalArrivalMicroseconds = newTAT
        return Acquisition(granted: tokens, retryAt: nil)
    }

    /// Takes as many tokens as are available, at most `tokens`: how a sender acquires for a batch
    /// in one round trip.
    public func acquire(upTo tokens: Int, from state: inout State, now: Timestamp) -> Acquisition {
        guard tokens > 0 else { return Acquisition(granted: 0, retryAt: nil) }
        let now = Self.microseconds(now)
        let tat = max(state.theoreticalArrivalMicroseconds ?? now, now)
        let slack = now.saturatingSubtracting(tat).saturatingAdding(tokenTime(burst))
        let available = min(max(slack / emissionIntervalMicroseconds, 0), Int64(burst))
        let granted = Int(min(Int64(tokens), available))
        if granted > 0 {
            state.theoreticalArrivalMicroseconds = tat.saturatingAdding(tokenTime(granted))
        }
        guard granted < tokens else { return Acquisition(granted: granted, retryAt: nil) }
        let nextAt = tat.saturatingAdding(tokenTime(granted + 1)).saturatingSubtracting(tokenTime(burst))
        return Acquisition(granted: granted, retryAt: Self.timestamp(roundingUp: nextAt))
    }

    /// The time `tokens` tokens are worth, `tokens·T` µs.
    private func tokenTime(_ tokens: Int) -> Int64 {
        Int64(tokens).saturatingMultiplied(by: emissionIntervalMicroseconds)
    }

    /// When the key can be forgotten: from then on the limiter is idle.
    public func idleAt(_ state: State) -> Timestamp? {
        state.theoreticalArrivalMicroseconds.map(Self.timestamp(roundingUp:))
    }

    private static func microseconds(_ timestamp: Timestamp) -> Int64 {
        timestamp.millisecondsSinceEpoch.saturatingMultiplied(by: 1000)
    }

    private static func timestamp(roundingUp microseconds: Int64) -> Timestamp {
        let (quotient, remainder) = microseconds.quotientAndRemainder(dividingBy: 1000)
        return Timestamp(millisecondsSinceEpoch: remainder > 0 ? quotient + 1 : quotient)
    }
}
