import Foundation
import Logging
import Metrics
import WasendCloudAPI
import WasendCampaigns
import WasendCore
import WasendKafka

/// Consumes `wasend.webhooks`: parses each verified body, folds its statuses into delivery
/// states, and acts on everything else (``WebhookActions``). A body that does not parse goes to
/// the dead-letter topic with the place it broke; its offset is committed like any other.
struct WebhooksLoop: Sendable {
    let consumer: KafkaConsumer
    let folder: DeliveryFolder
    let actions: WebhookActions
    let supervisor: CampaignSupervisor
    let deadLetters: DeadLetters
    let logger: Logger

    func run() async throws {
        while let batch = try await consumer.nextBatch() {
            try await fold(batch)
            try consumer.store(batch)
        }
    }

    /// Everything a batch of webhook records changes.
    ///
    /// ``StateRestore`` replays the topic with `restoring`, the campaigns Redis lost: only their
    /// statuses fold (another campaign's expired delivery state would count again), campaign pauses
    /// are not acted on again (the campaign records hold them), and records that do not parse are
    /// skipped (they went to the dead-letter topic when first read).
    func fold(_ batch: [KafkaConsumerMessage], restoring: Set<String>? = nil) async throws {
        let batchStarted = ContinuousClock.now
        var statuses: [WebhookEvent.StatusUpdate] = []
        var events: [(event: WebhookEvent, recordKey: String?)] = []
        var letters: [KafkaProducerRecord] = []
        for message in batch {
            let parsed: [WebhookEvent]
            do {
                parsed = try WebhookEventParser.events(from: try WebhookRecord.rawBody(ofEncodedValue: message.value).body)
            } catch {
                if restoring == nil {
                    letters.append(try deadLetters.record(message, reason: "unreadable_webhook", detail: "\(error)"))
                }
                continue
            }
            let key = message.key.map { String(decoding: $0, as: UTF8.self) }
            for event in parsed {
                if case .status(let status) = event {
                    if let restoring, !(status.campaignID.map(restoring.contains) ?? false) { continue }
                    statuses.append(status)
                    guard !status.errors.isEmpty else { continue }
                }
                events.append((event, key))
            }
        }
        let now = Timestamp.current
        let started = ContinuousClock.now
        let parsed = started - batchStarted
        try await DependencyOutage(counterLabel: "wasend_aggregator_dependency_outages_total", logger: logger).retrying("webhooks") {
            let outcome = try await folder.fold(statuses: statuses, now: now)
            try await actions.apply(events, now: now, replaying: restoring != nil)
            try await deadLetters.send(letters)
            try await supervisor.completeFinished(outcome.changedCampaigns, now: now)
        }
        logger.debug(
            "batch folded",
            metadata: [
                "records": "\(batch.count)", "statuses": "\(statuses.count)", "parsing": "\(parsed)",
                "folding": "\(ContinuousClock.now - started)",
            ])
        Counter(label: "wasend_aggregator_status_events_total").increment(by: Int64(statuses.count))
    }
}
