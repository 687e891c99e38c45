import WasendCore

/// One error reported by the Cloud API, synchronously (an HTTP response) or asynchronously (a failed
/// status or a value-level error in a webhook), with the core's advice on what to do about it.
///
/// `code` is what decisions branch on; the texts are for people and are never parsed.
public struct CloudAPIError: Error, Hashable, Sendable {
    /// Meta's error code; nil when the response carried no Graph error body (a proxy's HTML page).
    public var code: Int?
    public var subcode: Int?
    /// `OAuthException`, `GraphMethodException`, … (HTTP responses only).
    public var type: String?
    public var title: String?
    public var message: String?
    public var details: String?
    /// Meta's trace id, to quote in a support request.
    public var fbtraceID: String?
    /// The HTTP status, for synchronous errors.
    public var httpStatus: Int?
    public var advice: ErrorAdvice
    /// The request may have reached Meta and been taken (a timeout, a dropped connection, a 2xx
    /// answer cut short). Sending it again could deliver it twice, so the sender keeps the job's
    /// reservation: a status webhook settles it, or it is sent again after the in-doubt window.
    public var mayHaveBeenTaken: Bool

    public init(
        code: Int?,
        subcode: Int? = nil,
        type: String? = nil,
        title: String? = nil,
        message: String? = nil,
        details: String? = nil,
        fbtraceID: String? = nil,
        httpStatus: Int? = nil,
        advice: ErrorAdvice,
        mayHaveBeenTaken: Bool = false
    ) {
        self.code = code
        self.subcode = subcode
        self.type = type
        self.title = title
        self.message = message
        self.details = details
        self.fbtraceID = fbtraceID
        self.httpStatus = httpStatus
        self.advice = advice
        self.mayHaveBeenTaken = mayHaveBeenTaken
    }
}

extension CloudAPIError {
    /// A synchronous Graph error body.
    init(_ body: GraphErrorResponse.ErrorBody, httpStatus: Int) {
        self.init(
            code: body.code,
            subcode: body.errorSubcode,
            type: body.type,
            title: body.errorUserTitle,
            message: body.message,
            details: body.errorData?.details ?? body.errorUserMsg,
            fbtraceID: body.fbtraceID,
            httpStatus: httpStatus,
            advice: ErrorClassification.advice(forCode: body.code))
    }

    /// An error carried by a webhook.
    init(_ error: WebhookError) {
        self.init(
            code: error.code,
            title: error.title,
            message: error.message,
            details: error.errorData?.details ?? error.details,
            advice: ErrorClassification.advice(forCode: error.code))
    }
}

extension CloudAPIError: CustomStringConvertible {
    public var description: String {
        var parts = ["Cloud API error"]
        if let code { parts.append("code \(code)" + (subcode.map { "/\($0)" } ?? "")) }
        if let httpStatus { parts.append("HTTP \(httpStatus)") }
        parts.append(advice.errorClass.rawValue)
        if let text = message ?? title { parts.append(text) }
        if let details { parts.append(details) }
        if let fbtraceID { parts.append("fbtrace_id \(fbtraceID)") }
        return parts.joined(separator: ": ")
    }
}
