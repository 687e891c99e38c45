import WasendCore

/// One observation's stage as the fold script reads it: the ``DeliveryStatus`` it reports, and
/// for failures who reported it. A failure the sender reported (Meta refused the send) is shown
/// on `wasend.deliveries` but counted by the sender (`failed:<code>`), never as a delivery failure.
enum FoldStage: String, Sendable, Hashable, Codable {
    case accepted = "a"
    case sent = "s"
    case delivered = "d"
    case read = "r"
    /// A webhook said the accepted message failed: `delivery_failed:<code>`.
    case failed = "f"
    /// The send itself was refused for good.
    case refused = "F"
    case expired = "e"

    init(_ status: DeliveryStatus) {
        switch status {
        case .accepted: self = .accepted
        case .sent: self = .sent
        case .delivered: self = .delivered
        case .read: self = .read
        case .failed: self = .failed
        case .expired: self = .expired
        }
    }
}

/// One stage seen for a message, with Meta's error code for failures.
struct StageObservation: Sendable, Hashable, Codable {
    var stage: FoldStage
    var at: Timestamp
    var errorCode: Int?

    private enum CodingKeys: String, CodingKey {
        case stage = "s"
        case at = "t"
        case errorCode = "c"
    }
}

/// What one batch learnt about one message: its stages and whatever names it.
struct MessageObservations: Sendable {
    var jobID: JobID
    var wamid: String?
    var recipient: String?
    var pricingCategory: String?
    var stages: [StageObservation] = []

    init(jobID: JobID) {
        self.jobID = jobID
    }

    mutating func merge(wamid: String?, recipient: String?, pricingCategory: String?) {
        if self.wamid == nil { self.wamid = wamid }
        if self.recipient == nil { self.recipient = recipient }
        if self.pricingCategory == nil { self.pricingCategory = pricingCategory }
    }
}
