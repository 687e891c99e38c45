import Foundation
import Logging
import WasendCampaigns
import WasendCore

/// One upload in progress: cuts recipients into batches of at most `batchSize` recipients and about
/// `maxBatchBytes` (Kafka refuses records over its `message.max.bytes`, 1 MB by default), publishes
/// them `batchesPerSend` at a time (awaiting Kafka, which bounds memory), and ends with a commit or
/// an abort marker, published only once every batch before it is acknowledged.
struct RecipientUpload {
    /// Batches awaited together: one wait for Kafka's acknowledgements (its `linger.ms` and a round
    /// trip) serves this many batches instead of one, which is most of an upload's time otherwise.
    static let batchesPerSend = 8

    let campaignID: String
    let uploadID: String
    let topic: String
    let batchSize: Int
    let maxBatchBytes: Int
    let publisher: any RecordPublisher
    private var pending: [Recipient] = []
    private var pendingBytes = 0
    /// Encoded batches not yet sent, at most `batchesPerSend`.
    private var unsent: [(key: String, value: [UInt8])] = []
    private var batchesPublished = 0
    private(set) var recipientCount = 0

    init(
        campaignID: String, uploadID: String, topic: String, batchSize: Int, maxBatchBytes: Int,
        publisher: any RecordPublisher
    ) {
        self.campaignID = campaignID
        self.uploadID = uploadID
        self.topic = topic
        self.batchSize = batchSize
        self.maxBatchBytes = maxBatchBytes
        self.publisher = publisher
        pending.reserveCapacity(batchSize)
    }

    mutating func add(_ recipients: [Recipient]) async throws {
        for recipient in recipients {
            pending.append(recipient)
            pendingBytes += recipient.estimatedJSONBytes
            if pending.count == batchSize || pendingBytes >= maxBatchBytes { try await closeBatch() }
        }
    }

    /// Publishes the last batches and the commit marker; only then does the upload count.
    mutating func commit() async throws -> RecipientStreamRecord.UploadCommit {
        if !pending.isEmpty { try await closeBatch() }
        try await sendUnsent()
        let commit = RecipientStreamRecord.UploadCommit(
            campaignID: campaignID, uploadID: uploadID, batches: batchesPublished, recipients: recipientCount)
        try await publish(.commit(commit))
        return commit
    }

    /// Marks the upload void. Best effort: an upload without a commit is void anyway,
    /// the abort only lets the planner forget it sooner.
    func abort(reason: String, logger: Logger) async {
        guard batchesPublished > 0 else { return }
        do {
            try await publish(.abort(.init(campaignID: campaignID, uploadID: uploadID, reason: reason)))
        } catch {
            logger.warning(
                "could not publish an upload abort marker; the upload stays void without a commit",
                metadata: ["campaign_id": "\(campaignID)", "upload_id": "\(uploadID)", "error": "\(error)"])
        }
    }

    /// Encodes the pending recipients as the next batch, and sends the unsent batches once there are enough.
    private mutating func closeBatch() async throws {
        let batch = RecipientStreamRecord.batch(
            .init(campaignID: campaignID, uploadID: uploadID, sequence: batchesPublished + unsent.count, recipients: pending))
        unsent.append((batch.key, batch.jsonBytes(capacity: pendingBytes + 128)))
        recipientCount += pending.count
        pending.removeAll(keepingCapacity: true)
        pendingBytes = 0
        if unsent.count >= Self.batchesPerSend { try await sendUnsent() }
    }

    private mutating func sendUnsent() async throws {
        guard !unsent.isEmpty else { return }
        let sending = unsent
        unsent.removeAll(keepingCapacity: true)
        // Counted before the wait: if the send fails, some may be in Kafka, and the abort voids them.
        batchesPublished += sending.count
        try await publisher.publish(topic: topic, records: sending)
    }

    private func publish(_ record: RecipientStreamRecord) async throws {
        try await publisher.publish(topic: topic, key: record.key, value: record.jsonBytes(capacity: 256))
    }
}

extension Recipient {
    /// An upper estimate of the recipient's JSON size (escapes aside), cheap enough to take per row.
    var estimatedJSONBytes: Int {
        variables.reduce(40 + phone.utf8.count) { $0 + $1.key.utf8.count + $1.value.utf8.count + 6 }
    }
}
