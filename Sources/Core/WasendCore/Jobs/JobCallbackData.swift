/// What a send puts in `biz_opaque_callback_data`, which Meta echoes in every status webhook of
/// the message: the job id and its campaign, so a status alone names the job's send ledger entry
/// and counters, even when the sender died before reporting any result.
///
/// The form is `<campaign id>/<job id>`. A job id never holds a `/` (see ``JobID``), so the
/// last `/` separates the two whatever the campaign id. A bare job id (what earlier versions
/// sent) still reads, without a campaign.
public struct JobCallbackData: Hashable, Sendable {
    public var jobID: JobID
    /// `nil` when the data carried only a job id.
    public var campaignID: String?

    /// Meta takes at most this many characters.
    public static let maximumLength = 512

    public init(jobID: JobID, campaignID: String?) {
        self.jobID = jobID
        self.campaignID = campaignID
    }

    /// Reads what a status webhook echoed; `nil` for an empty value.
    public init?(parsing value: String) {
        guard !value.isEmpty else { return nil }
        let utf8 = value.utf8
        guard let slash = utf8.lastIndex(of: UInt8(ascii: "/")), slash != utf8.startIndex,
            case let jobStart = utf8.index(after: slash), jobStart != utf8.endIndex
        else {
            self.init(jobID: JobID(rawValue: value), campaignID: nil)
            return
        }
        self.init(jobID: JobID(rawValue: String(value[jobStart...])), campaignID: String(value[..<slash]))
    }

    /// The value to send; only the job id when the campaign id would make it longer than Meta
    /// allows (the statuses then join through the aggregator's records instead).
    public var encoded: String {
        guard let campaignID, campaignID.utf8.count + 1 + jobID.rawValue.utf8.count <= Self.maximumLength else {
            return jobID.rawValue
        }
        return campaignID + "/" + jobID.rawValue
    }
}
