import Foundation
import WasendClient
import WasendCore
import WasendKafka
import WasendSimulator

/// What a scenario ends with: the simulator's counts beside `wasend.results`,
/// `wasend.deliveries` and the campaign's counters, for one campaign.
struct Reconciliation: CustomStringConvertible {
    var recipients: Int
    var progress: CampaignProgress
    var report: SimulatorReport
    /// The first final outcome (`accepted`, `failed`, `skipped`) of each job, or of each row the
    /// planner skipped; replays publish the same outcome again.
    var finalResults: [String: String] = [:]
    /// Per partition of `wasend.results`: the first offset read and the records read. A first
    /// offset above 0 means the embedded Kafka dropped the oldest records (about 5 MB a partition).
    var resultsRead: [Int32: (first: Int64, count: Int)] = [:]
    /// The last delivery state of each job, as the compacted topic keeps it.
    var deliveries: [JobID: DeliveryRecord] = [:]

    init(
        recipients: Int, progress: CampaignProgress, report: SimulatorReport, results: [KafkaConsumerMessage],
        deliveries: [KafkaConsumerMessage]
    ) throws {
        self.recipients = recipients
        self.progress = progress
        self.report = report
        let decoder = JSONDecoder()
        for message in results {
            let seen = resultsRead[message.partition]
            resultsRead[message.partition] = (min(seen?.first ?? .max, message.offset), (seen?.count ?? 0) + 1)
            let line = try decoder.decode(ResultLine.self, from: Data(message.value))
            guard line.campaignID == progress.id, line.result.outcome != "deferred" else { continue }
            // The planner's skips are about an uploaded row (a duplicate's has its number's job id too).
            let key = line.uploadID.map { "\($0)/\(line.batchSequence ?? 0)/\(line.index ?? 0)" } ?? line.jobID ?? ""
            if finalResults[key] == nil { finalResults[key] = line.result.outcome }
        }
        for message in deliveries where !message.value.isEmpty {
            let record = try decoder.decode(DeliveryRecord.self, from: Data(message.value))
            if record.campaignID == progress.id { self.deliveries[record.jobID] = record }
        }
    }

    var planned: Int { Int(progress.counters.planned) }
    var skipped: Int { Int(progress.counters.skipped.values.reduce(0, +)) }

    var acceptedResults: Int { finalResults.values.count { $0 == "accepted" } }
    var skippedResults: Int { finalResults.values.count { $0 == "skipped" } }

    /// The fields of a `wasend.results` value the reconciliation needs, sends and skips alike.
    private struct ResultLine: Decodable {
        struct Result: Decodable {
            var outcome: String
        }

        var jobID: String?
        var campaignID: String
        var uploadID: String?
        var batchSequence: Int?
        var index: Int?
        var result: Result

        enum CodingKeys: String, CodingKey {
            case jobID = "job_id", campaignID = "campaign_id", uploadID = "upload_id", batchSequence = "batch_sequence"
            case index, result
        }
    }

    /// Jobs whose delivery reached an end: delivered, read, failed or expired.
    var finalDeliveries: Int {
        deliveries.values.count { [.delivered, .read, .failed, .expired].contains($0.state.status) }
    }

    var description: String {
        "recipients \(recipients), planned \(planned), skipped \(skipped); simulator: \(report.acceptedSends) accepted, "
            + "\(report.distinctJobs) distinct jobs, \(report.duplicateJobs.count) sent twice; results: \(acceptedResults) accepted, "
            + "\(skippedResults) skipped; deliveries: \(finalDeliveries) final of \(deliveries.count); counters: accepted \(progress.counters.accepted), "
            + "delivered \(progress.counters.delivered), failed to deliver \(progress.counters.deliveryFailed.values.reduce(0, +)); "
            + "webhooks: \(report.webhooks.updatesDelivered) updates in \(report.webhooks.postsDelivered) POSTs, "
            + "\(report.webhooks.failedAttempts) failed attempts, \(report.webhooks.postsAbandoned) abandoned, "
            + "\(report.webhooks.updatesDropped) dropped, \(report.webhooks.queued) queued"
            + (unfinishedDeliveries.isEmpty ? "" : "; not final: \(unfinishedDeliveries)")
            + "; results read per partition (first offset, records): "
            + resultsRead.keys.sorted().map { "\($0): \(resultsRead[$0]!.first), \(resultsRead[$0]!.count)" }.joined(separator: "; ")
    }

    /// The jobs without a final delivery state (at most ten), with the state they are in.
    var unfinishedDeliveries: [String] {
        deliveries.values.filter { ![.delivered, .read, .failed, .expired].contains($0.state.status) }.prefix(10).map {
            "\($0.jobID.rawValue): \($0.state.status)"
        }
    }
}
