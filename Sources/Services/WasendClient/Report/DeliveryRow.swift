/// One record of `wasend.deliveries` as the report prints it (schemas/wasend.deliveries.schema.json).
public struct DeliveryRow: Sendable, Hashable, Decodable {
    public var jobID: String
    public var campaignID: String
    public var recipient: String
    public var status: String
    public var wamid: String?
    public var errorCode: String?
    /// Milliseconds since the Unix epoch.
    public var updatedAt: Int64

    public init(
        jobID: String, campaignID: String, recipient: String, status: String, wamid: String? = nil,
        errorCode: String? = nil, updatedAt: Int64
    ) {
        self.jobID = jobID
        self.campaignID = campaignID
        self.recipient = recipient
        self.status = status
        self.wamid = wamid
        self.errorCode = errorCode
        self.updatedAt = updatedAt
    }

    private enum CodingKeys: String, CodingKey {
        case jobID = "job_id"
        case campaignID = "campaign_id"
        case errorCode = "error_code"
        case updatedAt = "updated_at"
        case recipient, status, wamid
    }

    public static let csvHeader = "job_id,recipient,status,wamid,error_code,updated_at"

    /// A CSV line (RFC 4180 quoting where a field needs it).
    public var csvLine: String {
        [jobID, recipient, status, wamid ?? "", errorCode ?? "", "\(updatedAt)"].map(Self.quoted).joined(separator: ",")
    }

    private static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
