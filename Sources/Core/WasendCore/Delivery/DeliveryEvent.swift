/// One observation about a message: the send acceptance, a status webhook, or the expiry sweep.
public struct DeliveryEvent: Sendable, Hashable, Codable {
    public var status: DeliveryStatus
    public var at: Timestamp
    /// Meta's error code, for `failed`.
    public var errorCode: Int?

    public init(status: DeliveryStatus, at: Timestamp, errorCode: Int? = nil) {
        self.status = status
        self.at = at
        self.errorCode = errorCode
    }

    private enum CodingKeys: String, CodingKey {
        case status, at
        case errorCode = "error_code"
    }
}
