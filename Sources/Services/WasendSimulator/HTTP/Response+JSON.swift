import Foundation
import Hummingbird

extension Response {
    static let jsonContentType = "application/json; charset=UTF-8"

    /// A JSON response with the content type Graph answers with.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try JSONEncoder().encode(value)
        return Response(
            status: status,
            headers: [.contentType: jsonContentType],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
