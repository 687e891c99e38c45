import WasendCore

/// A status that came before its send result, kept in Redis until the result names its campaign.
struct PendingStatus: Sendable, Hashable, Codable {
    var jobID: JobID?
    var wamid: String
    var recipient: String?
    var pricingCategory: String?
    var observation: StageObservation

    private enum CodingKeys: String, CodingKey {
        case jobID = "j"
        case wamid = "w"
        case recipient = "r"
        case pricingCategory = "p"
        case observation = "o"
    }
}
