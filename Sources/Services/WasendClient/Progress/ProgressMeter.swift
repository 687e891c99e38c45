/// Turns successive progress snapshots into a one-line bar with the current rate and an ETA.
///
/// The rate is measured over a sliding window of recent snapshots (about ten seconds), so it
/// follows a campaign that speeds up or waits on a limit instead of averaging its whole life.
public struct ProgressMeter: Sendable {
    private var samples: [(seconds: Double, settled: Int64)] = []
    private let window: Double

    public init(window: Duration = .seconds(10)) {
        self.window = Double(window.components.seconds) + Double(window.components.attoseconds) / 1e18
    }

    /// Records a snapshot taken `seconds` after some fixed start.
    public mutating func record(_ progress: CampaignProgress, at seconds: Double) {
        samples.append((seconds, progress.counters.settled))
        while let first = samples.first, seconds - first.seconds > window, samples.count > 2 {
            samples.removeFirst()
        }
    }

    /// Recipients settled per second over the window; 0 until two snapshots exist.
    public var rate: Double {
        guard let first = samples.first, let last = samples.last, last.seconds > first.seconds else { return 0 }
        return Double(last.settled - first.settled) / (last.seconds - first.seconds)
    }

    public func line(for progress: CampaignProgress, width: Int = 24) -> String {
        let counters = progress.counters
        let total = max(progress.recipientsReceived, 1)
        let fraction = min(Double(counters.settled) / Double(total), 1)
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let failed = counters.failed.values.reduce(0, +) + counters.deliveryFailed.values.reduce(0, +)
        var line = "[\(bar)] \(Self.percent(fraction)) planned \(counters.planned) sent \(counters.accepted)"
        line += " delivered \(counters.delivered) read \(counters.read) failed \(failed)"
        line += " \(Int(rate.rounded()))/s ETA \(eta(remaining: total - counters.settled)) \(progress.state)"
        if let reason = progress.pauseReason { line += " (\(reason))" }
        return line
    }

    private func eta(remaining: Int64) -> String {
        guard remaining > 0 else { return "0:00" }
        guard rate > 0 else { return "--:--" }
        let seconds = Int((Double(remaining) / rate).rounded(.up))
        let hours = seconds / 3600
        let minutes = (seconds % 3600) / 60
        let rest = seconds % 60
        let mm = minutes < 10 && hours > 0 ? "0\(minutes)" : "\(minutes)"
        let ss = rest < 10 ? "0\(rest)" : "\(rest)"
        return hours > 0 ? "\(hours):\(mm):\(ss)" : "\(mm):\(ss)"
    }

    private static func percent(_ fraction: Double) -> String {
        let value = Int((fraction * 100).rounded(.down))
        return value < 10 ? "  \(value)%" : value < 100 ? " \(value)%" : "\(value)%"
    }
}
