import Hummingbird
import Metrics
import NIOCore
import WasendCampaigns
import WasendCloudAPI
import WasendCore

/// Meta's webhooks: the `GET` verification handshake and signed `POST` deliveries, each stored raw
/// on `wasend.webhooks` before it is acknowledged.
///
/// A POST is answered 200 only once Kafka has the record (acks=all): Meta retries anything else for
/// days, so a webhook is never lost between the two, at the price of an occasional duplicate that
/// the aggregator folds away. Nothing is produced for a body that is too large, incomplete or not
/// signed with the app secret.
struct WebhookController: Sendable {
    let configuration: WebhookReceiverConfiguration
    let topic: String
    let publisher: any RecordPublisher
    private let signature: WebhookSignature?
    private let handshake: WebhookVerificationHandshake?

    private static let signatureField = HTTPFields.Element.Name(WebhookSignature.headerName)!

    init(configuration: WebhookReceiverConfiguration, topic: String, publisher: any RecordPublisher) {
        self.configuration = configuration
        self.topic = topic
        self.publisher = publisher
        self.signature = configuration.appSecret.map { WebhookSignature(appSecret: $0.value) }
        self.handshake = configuration.verifyToken.map { WebhookVerificationHandshake(verifyToken: $0.value) }
    }

    func addRoutes(to router: Router<APIRequestContext>) {
        let path = RouterPath(configuration.path)
        router.get(path, use: verify)
        router.post(path, use: receive)
    }

    @Sendable func verify(_ request: Request, context: APIRequestContext) throws -> Response {
        guard let handshake else { throw APIError.webhooksNotConfigured }
        let query = request.uri.queryParameters
        let outcome = handshake.respond(
            mode: query["hub.mode"].map(String.init), verifyToken: query["hub.verify_token"].map(String.init),
            challenge: query["hub.challenge"].map(String.init))
        switch outcome {
        case .accept(let challenge):
            context.logger.notice("webhook subscription verified")
            return Response(
                status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: challenge)))
        case .reject(let rejection):
            context.logger.warning("webhook verification refused", metadata: ["reason": "\(rejection)"])
            throw APIError.webhookVerificationFailed
        }
    }

    @Sendable func receive(_ request: Request, context: APIRequestContext) async throws -> Response {
        guard let signature else { throw APIError.webhooksNotConfigured }
        let body = try await rawBody(of: request, context: context)
        do {
            try signature.verify(body, header: request.headers[Self.signatureField])
        } catch {
            context.logger.warning("webhook signature refused", metadata: ["reason": "\(error)"])
            throw rejected(.invalidSignature, reason: "signature")
        }
        guard let value = WebhookRecord.encodedValue(rawBody: body, receivedAt: .now) else {
            throw rejected(.bodyNotUTF8, reason: "not_utf8")
        }
        try await publisher.publish(topic: topic, key: WebhookRoutingKey.key(ofRawBody: body) ?? "", value: value)
        Counter(label: "wasend_api_webhooks_received_total").increment()
        return Response(status: .ok)
    }

    /// The whole body as sent, or a 413 (over the limit, declared or streamed) or a 400 (the stream
    /// ended before its declared `Content-Length`, or broke off).
    private func rawBody(of request: Request, context: APIRequestContext) async throws -> [UInt8] {
        let limit = configuration.maxBodyBytes
        let declaredLength = request.headers[.contentLength].flatMap { Int($0) }
        if let declaredLength, declaredLength > limit {
            throw rejected(.tooLarge(limit: limit), reason: "too_large")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw rejected(.tooLarge(limit: limit), reason: "too_large")
        } catch {
            context.logger.info("webhook body broke off", metadata: ["error": "\(error)"])
            throw rejected(.incompleteBody, reason: "incomplete")
        }
        // Hummingbird takes an inbound stream that finishes without an error for the end of the body,
        // so a body cut short must also be caught by its length.
        if let declaredLength, buffer.readableBytes != declaredLength {
            throw rejected(.incompleteBody, reason: "incomplete")
        }
        return Array(buffer.readableBytesView)
    }

    private func rejected(_ error: APIError, reason: String) -> APIError {
        Counter(label: "wasend_api_webhooks_rejected_total", dimensions: [("reason", reason)]).increment()
        return error
    }
}
