import WasendCore

extension Timestamp {
    /// A script's microseconds, rounded up to the next millisecond, so that waiting until the
    /// timestamp always suffices.
    init(roundingUpMicroseconds microseconds: Int64) {
        let (quotient, remainder) = microseconds.quotientAndRemainder(dividingBy: 1000)
        self.init(millisecondsSinceEpoch: remainder > 0 ? quotient + 1 : quotient)
    }
}

extension Duration {
    /// Whole microseconds, for script arguments.
    var wholeMicroseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }
}
