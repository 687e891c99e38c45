/// A point in time as the core sees it: whole milliseconds since the Unix epoch.
///
/// The core never reads a clock; callers pass the current time in, so every rule that depends
/// on time (limits, expiry, schedules) can be tested at its boundaries. Milliseconds are what
/// Redis `TIME`, Kafka timestamps and webhook seconds all convert to without loss.
public struct Timestamp: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var millisecondsSinceEpoch: Int64

    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    /// Webhook `timestamp` fields carry whole Unix seconds.
    public init(secondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = secondsSinceEpoch.saturatingMultiplied(by: 1000)
    }

    public static let epoch = Timestamp(millisecondsSinceEpoch: 0)

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }

    /// Saturates instead of trapping, so a hostile timestamp in a record cannot crash a consumer.
    public func advanced(by duration: Duration) -> Timestamp {
        Timestamp(millisecondsSinceEpoch: millisecondsSinceEpoch.saturatingAdding(duration.wholeMilliseconds))
    }

    /// The signed time from `self` to `other` (positive when `other` is later).
    public func duration(to other: Timestamp) -> Duration {
        .milliseconds(other.millisecondsSinceEpoch.saturatingSubtracting(millisecondsSinceEpoch))
    }

    public static func + (lhs: Timestamp, rhs: Duration) -> Timestamp { lhs.advanced(by: rhs) }
    public static func - (lhs: Timestamp, rhs: Duration) -> Timestamp { lhs.advanced(by: .zero - rhs) }
    public static func - (lhs: Timestamp, rhs: Timestamp) -> Duration { rhs.duration(to: lhs) }

    public var description: String { "\(millisecondsSinceEpoch)ms" }

    /// Encoded as a bare integer of milliseconds: compact, and the same unit Kafka record timestamps use.
    public init(from decoder: any Decoder) throws {
        self.millisecondsSinceEpoch = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(millisecondsSinceEpoch)
    }
}

extension Duration {
    /// Whole milliseconds, truncated toward zero and saturated at the bounds of `Int64`.
    public var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds.saturatingMultiplied(by: 1000).saturatingAdding(attoseconds / 1_000_000_000_000_000)
    }
}

extension Int64 {
    @inlinable
    func saturatingAdding(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other < 0 ? .min : .max) : sum
    }

    @inlinable
    func saturatingMultiplied(by other: Int64) -> Int64 {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? ((self < 0) != (other < 0) ? .min : .max) : product
    }

    @inlinable
    func saturatingSubtracting(_ other: Int64) -> Int64 {
        let (difference, overflow) = subtractingReportingOverflow(other)
        return overflow ? (other < 0 ? .max : .min) : difference
    }
}
