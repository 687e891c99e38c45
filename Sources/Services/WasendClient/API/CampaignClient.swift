import Foundation
import WasendHTTP

/// The campaign API as a client program sees it: what `wasend campaign …` calls.
///
/// Requests that change something carry an `Idempotency-Key` and are retried on 503 and on
/// transport failures, so a flaky network never makes a campaign or an upload happen twice.
public struct CampaignClient: Sendable {
    public var configuration: CampaignClientConfiguration
    private let http: HTTPClient

    public init(configuration: CampaignClientConfiguration, http: HTTPClient) {
        self.configuration = configuration
        self.http = http
    }

    /// Creates a draft campaign without recipients and returns its id.
    public func create(_ draft: CampaignDraft, idempotencyKey: String) async throws(CampaignClientError) -> String {
        let encoded: [UInt8]
        do {
            encoded = Array(try JSONEncoder().encode(draft))
        } catch {
            throw CampaignClientError(kind: .invalidInput, message: "the campaign cannot be encoded: \(error)")
        }
        let created: CreatedCampaign = try await send(
            .post, "/v1/campaigns", body: encoded, contentType: "application/json", idempotencyKey: idempotencyKey)
        return created.id
    }

    /// Uploads one part of a recipient file; the answer counts what the API took.
    public func upload(
        _ part: RecipientFilePart, format: RecipientFileFormat, campaignID: String, idempotencyKey: String
    ) async throws(CampaignClientError) -> UploadAnswer {
        try await send(
            .post, "/v1/campaigns/\(campaignID)/recipients", body: part.bytes, contentType: format.contentType,
            idempotencyKey: idempotencyKey)
    }

    /// `start`, `pause`, `resume` or `cancel`.
    @discardableResult
    public func command(_ command: String, campaignID: String) async throws(CampaignClientError) -> CampaignProgress {
        try await send(.post, "/v1/campaigns/\(campaignID)/\(command)", body: nil, contentType: nil, idempotencyKey: nil)
    }

    public func progress(campaignID: String) async throws(CampaignClientError) -> CampaignProgress {
        try await send(.get, "/v1/campaigns/\(campaignID)", body: nil, contentType: nil, idempotencyKey: nil)
    }

    private func send<Answer: Decodable>(
        _ method: HTTPMethod, _ path: String, body: [UInt8]?, contentType: String?, idempotencyKey: String?
    ) async throws(CampaignClientError) -> Answer {
        var headers: HTTPHeaders = ["Authorization": "Bearer \(configuration.apiKey)", "Accept": "application/json"]
        if let contentType { headers.add(name: "Content-Type", value: contentType) }
        if let idempotencyKey { headers.add(name: "Idempotency-Key", value: idempotencyKey) }
        let request = HTTPRequest(
            method: method, url: configuration.baseURL + path, headers: headers, body: body,
            timeout: configuration.requestTimeout)
        // Only requests that are safe to repeat are retried: reads, and writes with a key.
        let attempts = method == .get || idempotencyKey != nil ? configuration.maxAttempts : 1
        var attempt = 1
        while true {
            do {
                let response = try await http.execute(request)
                if response.status == 503, attempt < attempts {
                    attempt += 1
                    try? await Task.sleep(for: configuration.retryDelay * attempt)
                    continue
                }
                return try Self.decode(response)
            } catch let error as HTTPClientError where attempt < attempts {
                _ = error
                attempt += 1
                try? await Task.sleep(for: configuration.retryDelay * attempt)
            } catch let error as HTTPClientError {
                throw CampaignClientError(kind: .unreachable, message: "\(configuration.baseURL): \(error)")
            } catch let error as CampaignClientError {
                throw error
            } catch {
                throw CampaignClientError(kind: .unexpectedAnswer, message: "\(error)")
            }
        }
    }

    private static func decode<Answer: Decodable>(_ response: HTTPResponse) throws(CampaignClientError) -> Answer {
        let body = Data(response.body)
        guard (200..<300).contains(response.status) else {
            let problem = try? JSONDecoder().decode(APIProblem.self, from: body)
            throw CampaignClientError(
                kind: .rejected(status: response.status, code: problem?.error.code), message: problem?.error.text ?? "HTTP \(response.status)")
        }
        do {
            return try JSONDecoder().decode(Answer.self, from: body)
        } catch {
            throw CampaignClientError(kind: .unexpectedAnswer, message: "HTTP \(response.status) with an unreadable body")
        }
    }

    private struct CreatedCampaign: Decodable {
        var id: String
    }

    /// The API's error body: `{"error": {"code", "message", "field"}}`.
    private struct APIProblem: Decodable {
        var error: Detail

        struct Detail: Decodable {
            var code: String
            var message: String
            var field: String?

            var text: String { field.map { "\($0): \(message)" } ?? message }
        }
    }
}
