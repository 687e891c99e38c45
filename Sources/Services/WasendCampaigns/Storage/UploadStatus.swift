/// What the planner knows of an upload from its marker record (see `RecipientStreamRecord`).
public enum UploadStatus: Sendable, Hashable {
    /// The upload committed with this many batches: its batches may be expanded.
    case committed(batches: Int)
    /// The upload was rejected: its batches change nothing.
    case aborted

    public init?(redisValue: String) {
        if redisValue == "aborted" {
            self = .aborted
        } else if redisValue.hasPrefix("committed:"), let batches = Int(redisValue.dropFirst("committed:".count)) {
            self = .committed(batches: batches)
        } else {
            return nil
        }
    }

    public var redisValue: String {
        switch self {
        case .committed(let batches): "committed:\(batches)"
        case .aborted: "aborted"
        }
    }
}
