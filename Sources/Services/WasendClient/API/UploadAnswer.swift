/// The API's receipt for one uploaded part.
public struct UploadAnswer: Sendable, Decodable {
    public var uploadID: String
    public var recipients: Int

    private enum CodingKeys: String, CodingKey {
        case uploadID = "upload_id"
        case recipients
    }
}
