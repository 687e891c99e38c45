import Foundation
import Logging
import Metrics
import WasendCampaigns
import WasendCore
import WasendKafka

/// Consumes `wasend.results`: folds accepted and refused sends into delivery states, joins the
/// statuses that waited for them, and completes the campaigns whose jobs are all final.
/// Offsets are stored only once all of a batch's effects are durable.
struct ResultsLoop: Sendable {
    let consumer: KafkaConsumer
    let folder: DeliveryFolder
    let supervisor: CampaignSupervisor
    let deadLetters: DeadLetters
    let logger: Logger

    func run() async throws {
        let decoder = JSONDecoder()
        while let batch = try await consumer.nextBatch() {
            var results: [ResultRecord] = []
            var letters: [KafkaProducerRecord] = []
            for message in batch {
                do {
                    results.append(try decoder.decode(ResultRecord.self, from: Data(message.value)))
                } catch {
                    letters.append(try deadLetters.record(message, reason: "unreadable_result", detail: "\(error)"))
                }
            }
            let started = ContinuousClock.now
            try await fold(results, deadLetters: letters)
            try consumer.store(batch)
            logger.debug(
                "batch folded",
                metadata: ["results": "\(batch.count)", "duration": "\(ContinuousClock.now - started)"])
            Counter(label: "wasend_aggregator_results_total").increment(by: Int64(batch.count))
        }
    }

    /// Everything a batch of results changes; ``StateRestore`` replays through it too.
    func fold(_ results: [ResultRecord], deadLetters letters: [KafkaProducerRecord] = []) async throws {
        let now = Timestamp.current
        try await DependencyOutage(counterLabel: "wasend_aggregator_dependency_outages_total", logger: logger).retrying("results") {
            _ = try await folder.fold(results: results, now: now)
            try await deadLetters.send(letters)
            try await supervisor.completeFinished(Set(results.map(\.campaignID)), now: now)
        }
    }
}
