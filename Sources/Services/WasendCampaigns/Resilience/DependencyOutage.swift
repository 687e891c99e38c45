import Logging
import Metrics

/// Waits out Redis or Kafka being away: a piece of work is tried again until it succeeds, so an
/// outage stops that work for its length and never ends the service or skips what it was doing
/// (offsets are stored only after). The work must be idempotent: a retry after a half-done
/// attempt must count nothing twice.
public struct DependencyOutage: Sendable {
    /// The counter of outages, by `work`: `wasend_<service>_dependency_outages_total`.
    public var counterLabel: String
    public var retryInterval: Duration
    public let logger: Logger

    public init(counterLabel: String, retryInterval: Duration = .seconds(1), logger: Logger) {
        self.counterLabel = counterLabel
        self.retryInterval = retryInterval
        self.logger = logger
    }

    /// Runs `body` until it succeeds; `onEachFailure` sees every error (a sender stops sending
    /// while Redis is away). Logs and counts the first failure of an outage and its end.
    public func retrying<Value>(
        _ work: String, onEachFailure: (any Error) -> Void = { _ in }, _ body: () async throws -> Value
    ) async throws -> Value {
        var failing = false
        while true {
            do {
                let value = try await body()
                if failing { logger.notice("dependencies reachable again; work resumes", metadata: ["work": "\(work)"]) }
                return value
            } catch {
                try Task.checkCancellation()
                onEachFailure(error)
                if !failing {
                    logger.error("a dependency failed; retrying until it is back", metadata: ["work": "\(work)", "error": "\(error)"])
                    Counter(label: counterLabel, dimensions: [("work", work)]).increment()
                    failing = true
                }
                try await Task.sleep(for: retryInterval)
            }
        }
    }
}
