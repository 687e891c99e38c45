import WasendCloudAPI

/// An error the simulated Graph API answers with, worded and coded as Meta's are.
enum SimulatedError: Sendable, Hashable {
    /// Missing or unknown Bearer token.
    case invalidAccessToken
    /// No such phone number, account or object (`method` is `get` or `post`, as in Meta's message).
    case unknownObject(id: String, method: String)
    /// The body could not be understood; `details` says which part.
    case invalidParameter(details: String)
    case throughputExceeded
    case pairRateExceeded
    case messagingLimitExceeded
    case templateNotFound(name: String, language: String)
    case templatePaused(name: String)
    /// The injected transient failure.
    case somethingWentWrong

    var httpStatus: Int {
        switch self {
        case .invalidAccessToken: 401
        case .somethingWentWrong: 500
        default: 400
        }
    }

    var code: Int {
        switch self {
        case .invalidAccessToken: 190
        case .unknownObject, .invalidParameter: 100
        case .throughputExceeded: 130429
        case .pairRateExceeded: 131056
        case .messagingLimitExceeded: 131048
        case .templateNotFound: 132001
        case .templatePaused: 132015
        case .somethingWentWrong: 131000
        }
    }

    /// The wire body; `traceID` fills `fbtrace_id`.
    func response(traceID: String) -> GraphErrorResponse {
        let body: GraphErrorResponse.ErrorBody
        switch self {
        case .invalidAccessToken:
            body = .init(message: "Invalid OAuth access token - Cannot parse access token", type: "OAuthException", code: code)
        case .unknownObject(let id, let method):
            body = .init(
                message: "Unsupported \(method) request. Object with ID '\(id)' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
                type: "GraphMethodException", code: code, errorSubcode: 33)
        case .invalidParameter(let details):
            body = whatsAppError("(#100) Invalid parameter", details: details)
        case .throughputExceeded:
            body = whatsAppError("(#130429) Rate limit hit", details: "Cloud API message throughput has been reached.")
        case .pairRateExceeded:
            body = whatsAppError(
                "(#131056) (Business Account, Consumer Account) pair rate limit hit",
                details: "Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.")
        case .messagingLimitExceeded:
            body = whatsAppError(
                "(#131048) Spam rate limit hit",
                details: "Message failed to send because there are restrictions on how many messages can be sent from this phone number.")
        case .templateNotFound(let name, let language):
            body = whatsAppError(
                "(#132001) Template name does not exist in the translation",
                details: "template name (\(name)) does not exist in \(language)")
        case .templatePaused(let name):
            body = whatsAppError("(#132015) Template is Paused", details: "Template \(name) is paused due to low quality.")
        case .somethingWentWrong:
            body = whatsAppError("(#131000) Something went wrong", details: "Something went wrong")
        }
        var response = GraphErrorResponse(error: body)
        response.error.fbtraceID = traceID
        return response
    }

    private func whatsAppError(_ message: String, details: String) -> GraphErrorResponse.ErrorBody {
        .init(message: message, type: "OAuthException", code: code, errorData: .init(messagingProduct: "whatsapp", details: details))
    }
}
