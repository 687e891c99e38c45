import Synchronization

/// Each campaign's recent final outcomes in this sender; says when one just crossed the
/// failure threshold, once per crossing.
final class FailureMonitor: Sendable {
    private let capacity: Int
    private let threshold: Double
    private let windows = Mutex<[String: FailureWindow]>([:])

    init(capacity: Int, threshold: Double) {
        self.capacity = capacity
        self.threshold = threshold
    }

    /// Records a final outcome; `true` when the campaign should pause now (its window then
    /// starts empty, so a resumed campaign gets a fresh `capacity` sends).
    func record(campaignID: String, failed: Bool) -> Bool {
        windows.withLock { windows in
            var window = windows[campaignID] ?? FailureWindow(capacity: capacity)
            window.record(failed: failed)
            if window.exceeds(threshold) {
                windows[campaignID] = nil
                return true
            }
            windows[campaignID] = window
            return false
        }
    }
}
