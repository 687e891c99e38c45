import WasendCore
import WasendHTTP

/// The Cloud API over WasendHTTP: sends and the reads the sender and planner need.
///
/// Requests are built by `CloudAPIRequestFactory` and answers read by `SendResponseParser` and
/// `GraphResponseDecoder`, so this type only moves bytes. It logs nothing: the token never leaves
/// the `Authorization` header, and outcomes are the caller's to log.
public struct CloudAPIClient: Sendable {
    public let configuration: Configuration
    private let requests: CloudAPIRequestFactory
    private let http: HTTPClient

    /// - Parameter httpClient: shared with other users; the caller owns its lifecycle.
    public init(configuration: Configuration, httpClient: HTTPClient) {
        self.configuration = configuration
        self.requests = CloudAPIRequestFactory(configuration: configuration)
        self.http = httpClient
    }

    /// Sends `job` once. Never throws: a refusal, an unreadable answer or a transport failure is a
    /// `.failed` outcome whose advice says what to do next.
    public func send(_ job: SendJob) async -> CloudAPISendOutcome {
        do {
            let response = try await http.execute(requests.send(job))
            return SendResponseParser.outcome(httpStatus: response.status, body: response.body)
        } catch {
            return .failed(CloudAPIError(transport: error))
        }
    }

    /// The number's quality rating, throughput level and the portfolio's messaging tier.
    public func phoneNumber(id: String) async throws(CloudAPIError) -> PhoneNumberInfo {
        try await read(PhoneNumberInfo.self, requests.phoneNumber(id: id))
    }

    /// Every template of the WhatsApp Business Account, following pages up to
    /// `Configuration.maxTemplatePages`.
    public func messageTemplates(businessAccountID: String) async throws(CloudAPIError) -> [MessageTemplateInfo] {
        var templates: [MessageTemplateInfo] = []
        var cursor: String?
        for _ in 0..<max(configuration.maxTemplatePages, 1) {
            let page = try await read(
                MessageTemplatePage.self, requests.messageTemplates(businessAccountID: businessAccountID, after: cursor)
            )
            templates += page.data
            guard let next = page.nextCursor, next != cursor else { break }
            cursor = next
        }
        return templates
    }

    private func read<Response: Decodable>(
        _ type: Response.Type, _ request: HTTPRequest
    ) async throws(CloudAPIError) -> Response {
        let response: HTTPResponse
        do {
            response = try await http.execute(request)
        } catch {
            throw CloudAPIError(transport: error)
        }
        return try GraphResponseDecoder.decode(type, httpStatus: response.status, body: response.body)
    }
}

extension CloudAPIError {
    /// No HTTP response at all. It is retried; a request that could not even be formed (a bad
    /// base URL) needs a person instead. Whether Meta may have taken it depends on how far it got:
    /// a refused connection or a failed name lookup sent nothing, a timeout or a drop may have.
    init(transport error: HTTPClientError) {
        let advice =
            error.kind == .invalidRequest
            ? ErrorAdvice(errorClass: .stopSender, scope: .app, retryTiming: .afterResume)
            : ErrorClassification.transportFailure
        let mayHaveBeenTaken = [.timedOut, .connectionReset, .transport, .responseTooLarge, .cancelled].contains(error.kind)
        self.init(
            code: nil, message: "no HTTP response: \(error.kind): \(error.message)", advice: advice,
            mayHaveBeenTaken: mayHaveBeenTaken)
    }
}
