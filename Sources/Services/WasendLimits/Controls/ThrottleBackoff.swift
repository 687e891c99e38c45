/// How a number slows down after Meta throttles it (130429) and recovers: additive increase,
/// multiplicative decrease (AIMD) of a factor in (0, 1] that scales the number's rate.
///
/// A throttle multiplies the factor by ``decrease`` (not below ``minimumFactor``); from then on it
/// grows back by ``increasePerSecond`` each second until it reaches 1. Throttles arriving within
/// ``cooldown`` of the last decrease are the same burst of errors and do not decrease it again.
public struct ThrottleBackoff: Sendable, Hashable {
    public var decrease: Double
    public var increasePerSecond: Double
    public var minimumFactor: Double
    public var cooldown: Duration

    public init(
        decrease: Double = 0.5, increasePerSecond: Double = 0.02, minimumFactor: Double = 0.05,
        cooldown: Duration = .seconds(1)
    ) {
        self.decrease = decrease
        self.increasePerSecond = increasePerSecond
        self.minimumFactor = minimumFactor
        self.cooldown = cooldown
    }
}
