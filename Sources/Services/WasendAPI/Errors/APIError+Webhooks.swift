import Hummingbird
import WasendCloudAPI

extension APIError {
    static let webhooksNotConfigured = APIError(
        .serviceUnavailable, code: "webhooks_not_configured",
        message: "this server has no webhook app secret or verify token configured")

    static let webhookVerificationFailed = APIError(
        .forbidden, code: "verification_failed",
        message: "hub.mode must be subscribe, hub.verify_token must match and hub.challenge must be present")

    /// The reason stays in logs and metrics: telling a forger which check failed would only help them.
    static let invalidSignature = APIError(
        .unauthorized, code: "invalid_signature",
        message: "\(WebhookSignature.headerName) must be the HMAC-SHA256 of the body with the app secret")

    static let incompleteBody = APIError(
        .badRequest, code: "incomplete_body", message: "the body ended before its Content-Length")

    static let bodyNotUTF8 = APIError(.badRequest, code: "body_not_utf8", message: "the body is not UTF-8 JSON")
}
