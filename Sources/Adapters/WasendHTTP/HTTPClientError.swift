/// A request that produced no HTTP response.
///
/// ``kind`` is what callers branch on (the sender treats timeouts and dropped connections as
/// transient); ``curlCode`` and ``message`` keep curl's own diagnosis for logs.
public struct HTTPClientError: Error, Sendable, CustomStringConvertible {
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case timedOut = "timed out"
            case connectionRefused = "connection refused"
            case connectionReset = "connection reset"
            case nameResolution = "name resolution failed"
            case tls = "TLS failure"
            case transport = "transport failure"
            case responseTooLarge = "response too large"
            case invalidRequest = "invalid request"
            case invalidConfiguration = "invalid configuration"
            case cancelled = "cancelled"
            case shutdown = "client shut down"
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// The request or connect timeout elapsed.
        public static let timedOut = Kind(.timedOut)
        /// Nothing accepted the connection.
        public static let connectionRefused = Kind(.connectionRefused)
        /// The connection broke or was closed before a complete response arrived.
        public static let connectionReset = Kind(.connectionReset)
        /// The host name could not be resolved.
        public static let nameResolution = Kind(.nameResolution)
        /// The TLS handshake or certificate check failed.
        public static let tls = Kind(.tls)
        /// Any other failure curl reported while moving bytes.
        public static let transport = Kind(.transport)
        /// The response exceeded ``HTTPClient/Configuration/maxResponseBodySize``.
        public static let responseTooLarge = Kind(.responseTooLarge)
        /// The request was malformed and never sent.
        public static let invalidRequest = Kind(.invalidRequest)
        /// The client cannot work as configured with this libcurl.
        public static let invalidConfiguration = Kind(.invalidConfiguration)
        /// The task that awaited the request was cancelled.
        public static let cancelled = Kind(.cancelled)
        /// The client was shut down before the request finished.
        public static let shutdown = Kind(.shutdown)

        public var description: String { base.rawValue }
    }

    public let kind: Kind
    /// curl's `CURLcode`, when curl reported the failure.
    public let curlCode: Int?
    /// curl's text for the code (`curl_easy_strerror`) and its detail for this transfer, or ours.
    public let message: String

    public init(kind: Kind, curlCode: Int? = nil, message: String) {
        self.kind = kind
        self.curlCode = curlCode
        self.message = message
    }

    public var description: String {
        if let curlCode {
            return "HTTPClientError(\(kind), curl code \(curlCode)): \(message)"
        }
        return "HTTPClientError(\(kind)): \(message)"
    }
}

extension HTTPClientError {
    static let clientShutDown = HTTPClientError(kind: .shutdown, message: "the HTTP client was shut down")
    static let taskCancelled = HTTPClientError(kind: .cancelled, message: "the request's task was cancelled")
}
