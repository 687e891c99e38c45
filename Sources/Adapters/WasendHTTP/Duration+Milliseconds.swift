extension Duration {
    /// Whole milliseconds, at least 1 for a positive duration (curl reads 0 as "no timeout"),
    /// and saturating rather than trapping on huge values.
    var clampedMilliseconds: Int {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 1 }
        let (milliseconds, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        guard !overflow else { return Int(Int32.max) }
        return Swift.max(1, Int(Swift.min(milliseconds + attoseconds / 1_000_000_000_000_000, Int64(Int32.max))))
    }
}
