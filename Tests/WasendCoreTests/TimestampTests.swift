import Testing
import WasendCore

@Suite("Timestamps")
struct TimestampTests {
    @Test("Arithmetic with durations, in whole milliseconds")
    func arithmetic() {
        let start = Timestamp(secondsSinceEpoch: 1_767_225_600)
        #expect(start.millisecondsSinceEpoch == 1_767_225_600_000)
        #expect(start + .seconds(1) == Timestamp(millisecondsSinceEpoch: 1_767_225_601_000))
        #expect(start - .milliseconds(1) < start)
        #expect((start + .seconds(90)) - start == .seconds(90))
        #expect(start.duration(to: start - .seconds(5)) == .seconds(-5))
        #expect(start + .microseconds(1999) == start + .milliseconds(1))
        #expect(Duration.milliseconds(-1500).wholeMilliseconds == -1500)
    }

    @Test("Hostile values saturate instead of trapping")
    func saturation() {
        let late = Timestamp(millisecondsSinceEpoch: .max - 10)
        #expect((late + .seconds(1)).millisecondsSinceEpoch == .max)
        #expect((Timestamp(millisecondsSinceEpoch: .min + 10) - .seconds(1)).millisecondsSinceEpoch == .min)
        #expect(Timestamp(secondsSinceEpoch: .max).millisecondsSinceEpoch == .max)
        #expect(Timestamp(secondsSinceEpoch: .min).millisecondsSinceEpoch == .min)
        #expect(Timestamp(millisecondsSinceEpoch: .min) - Timestamp(millisecondsSinceEpoch: .max) == .milliseconds(Int64.min))
        #expect(Duration.seconds(Int64.max).wholeMilliseconds == .max)
    }

    @Test("A GCRA with a hostile state or time answers instead of trapping")
    func gcraSaturation() {
        let limiter = GCRA.pairRate
        var state = GCRA.State(theoreticalArrivalMicroseconds: .max)
        #expect(limiter.acquire(1, from: &state, now: Timestamp(millisecondsSinceEpoch: .max)).granted <= 1)
        #expect(limiter.acquire(upTo: 5, from: &state, now: Timestamp(millisecondsSinceEpoch: 0)).granted == 0)
        var fresh = GCRA.State()
        #expect(limiter.acquire(upTo: 5, from: &fresh, now: Timestamp(millisecondsSinceEpoch: .max)).granted == 5)
    }
}
