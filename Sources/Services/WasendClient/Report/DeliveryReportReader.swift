import Foundation
import Logging
import WasendKafka

/// Reads every recipient's current delivery state of one campaign from the compacted
/// `wasend.deliveries` topic, for `wasend campaign report --csv`.
///
/// It reads each partition up to the high watermark it found at the start, keeping the last record
/// per job (a compacted topic may still hold older ones): memory grows with the campaign's size,
/// about 200 bytes a recipient, and nothing else.
public struct DeliveryReportReader: Sendable {
    public var bootstrapServers: String
    public var topic: String
    public var logger: Logger

    public init(bootstrapServers: String, topic: String, logger: Logger) {
        self.bootstrapServers = bootstrapServers
        self.topic = topic
        self.logger = logger
    }

    /// The campaign's rows, one per job, ordered by recipient.
    public func rows(campaignID: String) async throws -> [DeliveryRow] {
        let ends = try await highWatermarks()
        var remaining = ends.filter { $0.value > 0 }
        guard !remaining.isEmpty else { return [] }
        var configuration = KafkaConsumerConfiguration(
            bootstrapServers: bootstrapServers, groupID: "wasend-report-\(UUID().uuidString.lowercased())")
        configuration.offsetReset = .earliest
        configuration.autoCommit = false
        let consumer = try KafkaConsumer(configuration: configuration, topics: [topic], logger: logger)
        var latest: [String: DeliveryRow] = [:]
        let decoder = JSONDecoder()
        do {
            while !remaining.isEmpty, let batch = try await consumer.nextBatch() {
                for message in batch {
                    let partition = KafkaTopicPartition(topic: message.topic, partition: message.partition)
                    if let end = remaining[partition], message.offset + 1 >= end {
                        remaining[partition] = nil
                    }
                    guard let row = try? decoder.decode(DeliveryRow.self, from: Data(message.value)),
                        row.campaignID == campaignID
                    else { continue }
                    latest[row.jobID] = row
                }
            }
        } catch {
            try? await consumer.shutdown()
            throw error
        }
        try await consumer.shutdown()
        return latest.values.sorted { ($0.recipient, $0.jobID) < ($1.recipient, $1.jobID) }
    }

    private func highWatermarks() async throws -> [KafkaTopicPartition: Int64] {
        let admin = try KafkaAdmin(configuration: KafkaAdminConfiguration(bootstrapServers: bootstrapServers), logger: logger)
        var ends: [KafkaTopicPartition: Int64] = [:]
        for index in 0..<(try await admin.partitionCount(of: topic)) {
            let partition = KafkaTopicPartition(topic: topic, partition: Int32(index))
            let watermarks = try await admin.watermarks(of: partition)
            if watermarks.count > 0 { ends[partition] = watermarks.high }
        }
        return ends
    }
}
