/// Written and read by hand like the jobs that carry it (``SendJob``), which the sender reads for every send.
extension UploadedRow: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(to: &writer)
        writer.endObject()
    }

    /// The three members alone, for records that hold them flat (the planner's skipped results).
    public func writeMembers(to writer: inout JSONWriter) {
        writer.member("upload_id", uploadID)
        writer.member("batch_sequence", batchSequence)
        writer.member("index", index)
    }
}

extension UploadedRow: JSONReadable {
    public init(reading reader: inout JSONReader) throws(JSONReadError) {
        var uploadID: String?
        var batchSequence: Int?
        var index: Int?
        try reader.readObject { reader, name throws(JSONReadError) in
            switch name {
            case "upload_id": uploadID = try reader.readString()
            case "batch_sequence": batchSequence = try reader.readInt()
            case "index": index = try reader.readInt()
            default: try reader.skipValue()
            }
        }
        self.init(
            uploadID: try reader.required(uploadID, "upload_id"),
            batchSequence: try reader.required(batchSequence, "batch_sequence"), index: try reader.required(index, "index"))
    }
}
