/// The row of an upload a recipient came from: its upload, the batch of that upload, and its index
/// in the batch. Jobs and the planner's skipped results carry it, so every outcome can be traced
/// back to the line the client sent, and a restore can tell which recipients the planner had seen.
public struct UploadedRow: Sendable, Hashable, Codable, CustomStringConvertible {
    public var uploadID: String
    public var batchSequence: Int
    public var index: Int

    public init(uploadID: String, batchSequence: Int, index: Int) {
        self.uploadID = uploadID
        self.batchSequence = batchSequence
        self.index = index
    }

    /// `upload/batch/index`
    public var description: String { "\(uploadID)/\(batchSequence)/\(index)" }

    private enum CodingKeys: String, CodingKey {
        case uploadID = "upload_id"
        case batchSequence = "batch_sequence"
        case index
    }
}
