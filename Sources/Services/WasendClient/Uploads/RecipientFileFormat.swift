/// The recipient file formats the API takes, told apart by the file's extension.
public enum RecipientFileFormat: String, Sendable, CaseIterable {
    case csv
    case ndjson

    public init(path: String) throws(CampaignClientError) {
        let lowercased = path.lowercased()
        if lowercased.hasSuffix(".csv") {
            self = .csv
        } else if lowercased.hasSuffix(".ndjson") || lowercased.hasSuffix(".jsonl") {
            self = .ndjson
        } else {
            throw CampaignClientError(
                kind: .invalidInput, message: "\(path): the file must end in .csv, .ndjson or .jsonl")
        }
    }

    public var contentType: String {
        switch self {
        case .csv: "text/csv"
        case .ndjson: "application/x-ndjson"
        }
    }
}
