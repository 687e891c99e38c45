import Foundation
import Hummingbird

/// The one error shape every endpoint answers with, so clients can branch on `code` and
/// point at `field` without parsing prose: `{"error": {"code", "message", "field"}}`.
public struct APIError: HTTPResponseError, Sendable, Equatable {
    public var status: HTTPResponse.Status
    /// Machine-readable, stable: clients switch on it.
    public var code: String
    /// For people; may change between versions.
    public var message: String
    /// The request field (JSON path such as `template.name`, or `row 17` in an upload) at fault.
    public var field: String?
    /// Extra headers such as `WWW-Authenticate`.
    public var headers: HTTPFields

    public init(
        _ status: HTTPResponse.Status, code: String, message: String, field: String? = nil,
        headers: HTTPFields = [:]
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = headers
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        let body = try JSONEncoder().encode(Body(error: .init(code: code, message: message, field: field)))
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The wire form; public so that clients and tests decode exactly what the server writes.
    public struct Body: Codable, Sendable, Equatable {
        public struct Detail: Codable, Sendable, Equatable {
            public var code: String
            public var message: String
            public var field: String?
        }
        public var error: Detail
    }
}

extension APIError {
    static func malformedJSON(_ message: String) -> APIError {
        APIError(.badRequest, code: "malformed_json", message: message)
    }

    static func missingField(_ field: String) -> APIError {
        APIError(.badRequest, code: "missing_field", message: "\(field) is required", field: field)
    }

    static func invalidField(_ field: String, _ message: String) -> APIError {
        APIError(.badRequest, code: "invalid_field", message: "\(field): \(message)", field: field)
    }

    static func unprocessable(_ field: String, code: String, _ message: String) -> APIError {
        APIError(.unprocessableContent, code: code, message: message, field: field)
    }

    static func invalidRow(_ row: Int, _ message: String) -> APIError {
        APIError(.badRequest, code: "invalid_row", message: "row \(row): \(message)", field: "row \(row)")
    }

    static func tooLarge(limit: Int) -> APIError {
        APIError(.contentTooLarge, code: "body_too_large", message: "the request body exceeds \(limit) bytes")
    }

    static let unauthorized = APIError(
        .unauthorized, code: "unauthorized",
        message: "a valid API key is required: Authorization: Bearer <key>",
        headers: [.wwwAuthenticate: "Bearer"])

    static func numberNotFound(_ id: String) -> APIError {
        APIError(.notFound, code: "number_not_found", message: "no sender number \(id) for this tenant")
    }

    static func campaignNotFound(_ id: String) -> APIError {
        APIError(.notFound, code: "campaign_not_found", message: "no campaign \(id)")
    }

    static let dependencyUnavailable = APIError(
        .serviceUnavailable, code: "dependency_unavailable",
        message: "Kafka or Redis is unavailable; retry later (with the same Idempotency-Key)")
}
