import Foundation
import Hummingbird

/// An answer kept for `Idempotency-Key` replays: the status and the JSON body, nothing else.
public struct StoredResponse: Sendable, Hashable, Codable, ResponseGenerator {
    public var status: Int
    public var body: String

    public init(status: Int, body: String) {
        self.status = status
        self.body = body
    }

    init(_ error: APIError) throws {
        let body = try JSONEncoder().encode(APIError.Body(error: .init(code: error.code, message: error.message, field: error.field)))
        self.init(status: error.status.code, body: String(decoding: body, as: UTF8.self))
    }

    static func json(_ status: HTTPResponse.Status, _ value: some Encodable) throws -> StoredResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return StoredResponse(status: status.code, body: String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: .init(code: status),
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
