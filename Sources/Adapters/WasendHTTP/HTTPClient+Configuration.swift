extension HTTPClient {
    /// How the client talks to servers. The defaults suit calling one API host at thousands of
    /// requests per second.
    public struct Configuration: Sendable {
        /// Which HTTP version to ask for.
        public enum ProtocolVersion: Sendable, Hashable {
            /// HTTP/1.1 only, connections kept alive and reused.
            case http1
            /// HTTP/2 when TLS negotiates it (ALPN), HTTP/1.1 otherwise, including plain `http://`.
            case http2OverTLS
            /// HTTP/2 without negotiation ("h2c" with prior knowledge), for servers known to speak it.
            /// Needs libcurl 8.0 or later: 7.88 fails every request on a reused h2c connection with
            /// "Error in the HTTP2 framing layer" (curl issue 10634), so the client refuses it there.
            case http2PriorKnowledge
        }

        /// Requests admitted to curl at once; callers beyond it wait in `execute` (back-pressure).
        public var maxInFlight: Int
        /// Connections to one host; with HTTP/1.1 it bounds the requests in progress per host,
        /// the others queue inside curl until a connection is free.
        public var maxConnectionsPerHost: Int
        /// Connections to all hosts together, and the size of the idle connection cache.
        public var maxConnections: Int
        /// HTTP/2 streams multiplexed on one connection before curl opens another.
        public var maxConcurrentStreams: Int
        public var protocolVersion: ProtocolVersion
        /// Time allowed to establish a connection (TCP and TLS).
        public var connectTimeout: Duration
        /// Time allowed for a whole request unless the request sets its own.
        public var requestTimeout: Duration
        /// Larger responses fail with ``HTTPClientError/Kind/responseTooLarge``: every buffer is bounded.
        public var maxResponseBodySize: Int
        /// Sent as `User-Agent` unless a request sets its own; `nil` sends none.
        public var userAgent: String?
        /// A PEM bundle of the certificate authorities to trust instead of the system's, e.g. a
        /// test server's self-signed certificate. Peers are always verified.
        public var caCertificatePath: String?

        public init(
            maxInFlight: Int = 256,
            maxConnectionsPerHost: Int = 64,
            maxConnections: Int = 256,
            maxConcurrentStreams: Int = 100,
            protocolVersion: ProtocolVersion = .http2OverTLS,
            connectTimeout: Duration = .seconds(10),
            requestTimeout: Duration = .seconds(30),
            maxResponseBodySize: Int = 16 << 20,
            userAgent: String? = "wasend",
            caCertificatePath: String? = nil
        ) {
            self.maxInFlight = maxInFlight
            self.maxConnectionsPerHost = maxConnectionsPerHost
            self.maxConnections = maxConnections
            self.maxConcurrentStreams = maxConcurrentStreams
            self.protocolVersion = protocolVersion
            self.connectTimeout = connectTimeout
            self.requestTimeout = requestTimeout
            self.maxResponseBodySize = maxResponseBodySize
            self.userAgent = userAgent
            self.caCertificatePath = caCertificatePath
        }
    }
}
