import Logging
import Metrics

/// Waits out Redis or Kafka being away: a batch's effects are tried again until they succeed,
/// so an outage stops the folding for its length and never ends the service or skips a batch
/// (its offsets are stored only after). Folding is idempotent, so a retry after a half-done
/// attempt counts nothing twice.
struct DependencyOutage: Sendable {
    var retryInterval: Duration = .seconds(1)
    let logger: Logger

    func retrying<Value>(_ work: String, _ body: () async throws -> Value) async throws -> Value {
        var failing = false
        while true {
            do {
                let value = try await body()
                if failing { logger.notice("dependencies reachable again; folding resumes", metadata: ["work": "\(work)"]) }
                return value
            } catch {
                try Task.checkCancellation()
                if !failing {
                    logger.error("a dependency failed; retrying until it is back", metadata: ["work": "\(work)", "error": "\(error)"])
                    Counter(label: "wasend_aggregator_dependency_outages_total", dimensions: [("work", work)]).increment()
                    failing = true
                }
                try await Task.sleep(for: retryInterval)
            }
        }
    }
}
