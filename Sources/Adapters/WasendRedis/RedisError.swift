/// Every failure of the Redis adapter: the kind says what a caller can do about it, the message says
/// what happened (the server's own error text, or hiredis' description of a socket failure).
public struct RedisError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, coarse enough to branch on.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case connectionRefused = "connection refused"
            case timeout = "timeout"
            case connectionClosed = "connection closed"
            case io = "I/O error"
            case protocolViolation = "protocol error"
            case server = "server error"
            case authentication = "authentication failed"
            case unexpectedReply = "unexpected reply"
            case invalidConfiguration = "invalid configuration"
            case poolShutDown = "pool shut down"
            case tooManyWaiters = "too many waiters"
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// Nothing listens on the address: the server is down or the address is wrong.
        public static let connectionRefused = Kind(.connectionRefused)
        /// Connecting, or waiting for a reply, took longer than the configured timeout.
        /// A command may have run on the server.
        public static let timeout = Kind(.timeout)
        /// The server closed the connection (it restarted, or dropped us). A command may have run.
        public static let connectionClosed = Kind(.connectionClosed)
        /// Any other socket failure.
        public static let io = Kind(.io)
        /// The server sent bytes that are not RESP.
        public static let protocolViolation = Kind(.protocolViolation)
        /// The server answered with an error reply (`-ERR …`, `-WRONGTYPE …`); the connection is fine.
        public static let server = Kind(.server)
        /// `AUTH` or `SELECT` failed while opening a connection.
        public static let authentication = Kind(.authentication)
        /// The reply has another type than the caller asked for.
        public static let unexpectedReply = Kind(.unexpectedReply)
        /// The configuration (or its URL) cannot work.
        public static let invalidConfiguration = Kind(.invalidConfiguration)
        /// The client was shut down.
        public static let poolShutDown = Kind(.poolShutDown)
        /// More callers wait for a connection than the configured bound: the caller should shed load.
        public static let tooManyWaiters = Kind(.tooManyWaiters)

        public var description: String { base.rawValue }
    }

    public let kind: Kind
    /// Human-readable detail; for `.server` the server's full error text.
    public let message: String
    /// hiredis' error code (`REDIS_ERR_IO`, `REDIS_ERR_EOF`, …) or the socket's `errno`, when there is one.
    public let code: Int32?

    public init(_ kind: Kind, _ message: String, code: Int32? = nil) {
        self.kind = kind
        self.message = message
        self.code = code
    }

    /// The first word of a server error (`ERR`, `WRONGTYPE`, `NOSCRIPT`, …): the stable part to match on.
    public var serverErrorPrefix: Substring? {
        guard kind == .server else { return nil }
        return message.prefix { $0 != " " }
    }

    /// Whether the server is away or not yet serving (down, restarting, loading its data): the
    /// same work succeeds once it is back, unlike a bad command, configuration or credentials.
    public var serverUnavailable: Bool {
        switch kind {
        case .connectionRefused, .connectionClosed, .io, .timeout: true
        case .server: serverErrorPrefix == "LOADING"
        default: false
        }
    }

    public var description: String {
        if let code {
            return "Redis \(kind): \(message) (code \(code))"
        }
        return "Redis \(kind): \(message)"
    }
}
