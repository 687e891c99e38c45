import Foundation
import Synchronization

/// The simulated Cloud API without its HTTP front: the configuration's lookups, the clock and the
/// state behind its lock. The route handlers and the webhook dispatcher share one instance.
final class Simulator: Sendable {
    struct TemplateKey: Hashable, Sendable {
        var name: String
        var language: String
    }

    let configuration: SimulatorConfiguration
    let numberIndices: [String: Int]
    let templates: [TemplateKey: SimulatedTemplate]
    let wabaIDs: Set<String>
    private let clock = ContinuousClock()
    private let origin: ContinuousClock.Instant
    private let state: Mutex<SimulatorState>

    init(configuration: SimulatorConfiguration) {
        self.configuration = configuration
        var indices: [String: Int] = [:]
        for (index, number) in configuration.phoneNumbers.enumerated() where indices[number.id] == nil {
            indices[number.id] = index
        }
        self.numberIndices = indices
        var templates: [TemplateKey: SimulatedTemplate] = [:]
        for template in configuration.templates {
            templates[TemplateKey(name: template.name, language: template.language)] = template
        }
        self.templates = templates
        self.wabaIDs = Set(configuration.phoneNumbers.map(\.wabaID))
        self.origin = clock.now
        let epochMilliseconds = Int64(Date().timeIntervalSince1970 * 1_000)
        self.state = Mutex(SimulatorState(configuration: configuration, now: 0, epochMilliseconds: epochMilliseconds))
    }

    /// Nanoseconds since the simulator started: the clock of its limits, statistics and schedule.
    var now: Int64 {
        (clock.now - origin).nanoseconds
    }

    /// Runs `body` under the lock with the current time; keep it short and free of I/O.
    func withState<Result: Sendable>(_ body: (inout SimulatorState, _ now: Int64) -> Result) -> Result {
        let now = self.now
        return state.withLock { body(&$0, now) }
    }
}
