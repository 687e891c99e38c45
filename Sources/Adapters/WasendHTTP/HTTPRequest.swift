/// One HTTP request: what the sender and the simulator hand to ``HTTPClient/execute(_:)``.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    /// An absolute `http://` or `https://` URL.
    public var url: String
    public var headers: HTTPHeaders
    /// The request body; `nil` sends none. curl copies it, so the value may be released at once.
    public var body: [UInt8]?
    /// Overrides ``HTTPClient/Configuration/requestTimeout`` for this request: the whole
    /// exchange, connection included, must finish within it.
    public var timeout: Duration?
    /// Whether sending it twice does no harm. libcurl sends a request again on its own when the
    /// reused connection it went out on closes before any answer; for a request that is not
    /// idempotent (by default POST and PATCH) the client fails it instead, as a dropped
    /// connection, so the caller decides: a message the server may have taken must not go twice.
    public var isIdempotent: Bool

    public init(
        method: HTTPMethod = .get,
        url: String,
        headers: HTTPHeaders = [:],
        body: [UInt8]? = nil,
        timeout: Duration? = nil,
        isIdempotent: Bool? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.isIdempotent = isIdempotent ?? (method != .post && method != .patch)
    }
}

extension HTTPRequest {
    /// Rejects what would let a caller's data rewrite the request on the wire (CR, LF or NUL in
    /// the URL or a header) before it reaches curl.
    func validate() throws(HTTPClientError) {
        guard method.isValidToken else {
            throw HTTPClientError(kind: .invalidRequest, message: "invalid HTTP method \"\(method)\"")
        }
        guard url.hasPrefix("http://") || url.hasPrefix("https://"), !url.utf8.contains(where: Self.isLineBreakOrNUL) else {
            throw HTTPClientError(kind: .invalidRequest, message: "the URL must be an absolute http(s) URL on one line")
        }
        for field in headers {
            guard !field.name.isEmpty, !field.name.utf8.contains(UInt8(ascii: ":")),
                !field.name.utf8.contains(where: Self.isLineBreakOrNUL),
                !field.value.utf8.contains(where: Self.isLineBreakOrNUL)
            else {
                throw HTTPClientError(kind: .invalidRequest, message: "invalid header field \"\(field.name)\"")
            }
        }
    }

    private static func isLineBreakOrNUL(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n") || byte == 0
    }
}
