import WasendCore

/// Where the limiter and the ledger read the time.
///
/// In production every script reads Redis `TIME`: one clock for all sender processes, so the
/// rates hold whatever the drift between hosts. Tests pass their own clock instead, which every
/// call sends to the scripts, so a 24 h window or an expired lease is a clock step, not a wait.
public struct SendingClock: Sendable {
    /// `nil` reads the Redis server's clock.
    let now: (@Sendable () -> Timestamp)?

    /// The Redis server's `TIME`, read inside each script.
    public static let redisServer = SendingClock(now: nil)

    /// A caller's clock (tests): the scripts use the times it returns.
    public static func custom(_ now: @escaping @Sendable () -> Timestamp) -> SendingClock {
        SendingClock(now: now)
    }

    /// The script argument: microseconds since the epoch, or `-1` for the server's `TIME`.
    var scriptArgument: Int64 {
        guard let now else { return -1 }
        return now().millisecondsSinceEpoch * 1000
    }
}
