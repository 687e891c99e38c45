import WasendCore

/// The answer to an upload.
struct UploadReceipt: Encodable {
    var uploadID: String
    var recipients: Int
    var batches: Int

    init(_ commit: RecipientStreamRecord.UploadCommit) {
        self.uploadID = commit.uploadID
        self.recipients = commit.recipients
        self.batches = commit.batches
    }

    enum CodingKeys: String, CodingKey {
        case uploadID = "upload_id"
        case recipients, batches
    }
}
