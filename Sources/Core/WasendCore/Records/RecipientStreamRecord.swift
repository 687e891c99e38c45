/// The records of `wasend.recipients`, keyed by ``key``: an upload's batches spread over the
/// topic's partitions, so that an upload waiting to be planned is not limited by what one
/// partition keeps (the embedded Kafka keeps about 5 MB per partition).
///
/// An upload is a run of `batch` records followed by exactly one `commit` or `abort` with the same
/// `upload_id`. Consumers (the planner) must expand a batch only once the upload's `commit` has
/// arrived and its `batches` count matches what they saw; batches of an aborted upload, or of one
/// that never commits (the API died mid-stream), change nothing. This is how a rejected upload of
/// any size "writes nothing" although its first batches were produced before the bad row was read.
/// Batches and markers are in different partitions: the producer publishes the marker only after
/// every batch is acknowledged, and consumers must not rely on reading them in any order.
///
/// A batch carries up to 1,000 recipients and every one is read by the planner, so the records
/// are written by ``JSONWriter`` and read by ``JSONReader``; `Decodable` stays for other readers.
public enum RecipientStreamRecord: Sendable, Hashable, Decodable, JSONWritable, JSONReadable {
    case batch(RecipientBatch)
    case commit(UploadCommit)
    case abort(UploadAbort)

    /// The Kafka key: `<campaign>/<upload>/<sequence>` for a batch (each batch may land on any
    /// partition), the campaign id for a marker.
    public var key: String {
        switch self {
        case .batch(let batch):
            BatchKey(campaignID: batch.campaignID, uploadID: batch.uploadID, sequence: batch.sequence).description
        case .commit(let commit): commit.campaignID
        case .abort(let abort): abort.campaignID
        }
    }

    public struct RecipientBatch: Sendable, Hashable, Decodable {
        public var campaignID: String
        public var uploadID: String
        /// 0, 1, 2...: the planner can check it saw every batch of the upload, in order.
        public var sequence: Int
        /// Core's ``Recipient`` JSON: `{"phone", "variables", "opted_in"}`.
        public var recipients: [Recipient]

        public init(campaignID: String, uploadID: String, sequence: Int, recipients: [Recipient]) {
            self.campaignID = campaignID
            self.uploadID = uploadID
            self.sequence = sequence
            self.recipients = recipients
        }

        enum CodingKeys: String, CodingKey {
            case campaignID = "campaign_id"
            case uploadID = "upload_id"
            case sequence, recipients
        }
    }

    public struct UploadCommit: Sendable, Hashable, Decodable {
        public var campaignID: String
        public var uploadID: String
        public var batches: Int
        public var recipients: Int

        public init(campaignID: String, uploadID: String, batches: Int, recipients: Int) {
            self.campaignID = campaignID
            self.uploadID = uploadID
            self.batches = batches
            self.recipients = recipients
        }

        enum CodingKeys: String, CodingKey {
            case campaignID = "campaign_id"
            case uploadID = "upload_id"
            case batches, recipients
        }
    }

    public struct UploadAbort: Sendable, Hashable, Decodable {
        public var campaignID: String
        public var uploadID: String
        /// The client-facing error code (`invalid_row`, `body_too_large`...).
        public var reason: String

        public init(campaignID: String, uploadID: String, reason: String) {
            self.campaignID = campaignID
            self.uploadID = uploadID
            self.reason = reason
        }

        enum CodingKeys: String, CodingKey {
            case campaignID = "campaign_id"
            case uploadID = "upload_id"
            case reason
        }
    }

    private enum CodingKeys: String, CodingKey {
        case type
    }

    private enum Kind: String, Decodable {
        case batch, commit, abort
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Kind.self, forKey: .type) {
        case .batch: self = .batch(try RecipientBatch(from: decoder))
        case .commit: self = .commit(try UploadCommit(from: decoder))
        case .abort: self = .abort(try UploadAbort(from: decoder))
        }
    }
}
