extension RecipientStreamRecord {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        switch self {
        case .batch(let batch):
            writer.member("type", "batch")
            writer.member("campaign_id", batch.campaignID)
            writer.member("upload_id", batch.uploadID)
            writer.member("sequence", batch.sequence)
            writer.key("recipients")
            writer.beginArray()
            for recipient in batch.recipients { writer.value(recipient) }
            writer.endArray()
        case .commit(let commit):
            writer.member("type", "commit")
            writer.member("campaign_id", commit.campaignID)
            writer.member("upload_id", commit.uploadID)
            writer.member("batches", commit.batches)
            writer.member("recipients", commit.recipients)
        case .abort(let abort):
            writer.member("type", "abort")
            writer.member("campaign_id", abort.campaignID)
            writer.member("upload_id", abort.uploadID)
            writer.member("reason", abort.reason)
        }
        writer.endObject()
    }

    /// Members in any order: `recipients` is a batch's array or a commit's count, told apart by
    /// what comes, and `type` picks the record at the end.
    public init(reading reader: inout JSONReader) throws(JSONReadError) {
        var type: String?
        var campaignID: String?
        var uploadID: String?
        var sequence: Int?
        var recipients: [Recipient]?
        var recipientCount: Int?
        var batches: Int?
        var reason: String?
        try reader.readObject { reader, name throws(JSONReadError) in
            switch name {
            case "type": type = try reader.readString()
            case "campaign_id": campaignID = try reader.readString()
            case "upload_id": uploadID = try reader.readString()
            case "sequence": sequence = try reader.readInt()
            case "batches": batches = try reader.readInt()
            case "reason": reason = try reader.readString()
            case "recipients":
                if try reader.nextIsArray() {
                    var read: [Recipient] = []
                    try reader.readArray { reader throws(JSONReadError) in read.append(try Recipient(reading: &reader)) }
                    recipients = read
                } else {
                    recipientCount = try reader.readInt()
                }
            default: try reader.skipValue()
            }
        }
        let campaign = try reader.required(campaignID, "campaign_id")
        let upload = try reader.required(uploadID, "upload_id")
        switch try reader.required(type, "type") {
        case "batch":
            self = .batch(
                RecipientBatch(
                    campaignID: campaign, uploadID: upload, sequence: try reader.required(sequence, "sequence"),
                    recipients: try reader.required(recipients, "recipients")))
        case "commit":
            self = .commit(
                UploadCommit(
                    campaignID: campaign, uploadID: upload, batches: try reader.required(batches, "batches"),
                    recipients: try reader.required(recipientCount, "recipients")))
        case "abort":
            self = .abort(UploadAbort(campaignID: campaign, uploadID: upload, reason: try reader.required(reason, "reason")))
        case let other:
            throw reader.invalid("unknown record type \"\(other)\"")
        }
    }
}
