/// Where the Redis server is and how the client's pool behaves. The defaults reach a local
/// `redis-server` on its standard port.
public struct RedisConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The logical database (`SELECT n`) every connection of the pool uses.
    public var database: Int
    /// The ACL user (Redis 6+); `nil` authenticates as `default` when `password` is set.
    public var username: String?
    /// Sent with `AUTH` on every new connection; never logged nor printed by `description`.
    public var password: String?
    /// The most connections the pool opens. Each has its own serial queue, on which its blocking
    /// hiredis calls run, so this also bounds the threads the client keeps busy.
    public var maximumConnections: Int
    /// The most callers that may wait for a free connection before further ones fail with
    /// `RedisError.Kind.tooManyWaiters`: a bound on the memory an overload can take.
    public var maximumWaitingRequests: Int
    /// How long opening a TCP connection may take.
    public var connectTimeout: Duration
    /// How long one socket read or write may block while waiting for the server. For a pipeline,
    /// the bound applies to each read, not to the whole pipeline. A blocking command (`BLPOP`)
    /// needs a server-side timeout below this one, or its connection is dropped as timed out.
    public var commandTimeout: Duration

    public init(
        host: String = "127.0.0.1",
        port: Int = 6379,
        database: Int = 0,
        username: String? = nil,
        password: String? = nil,
        maximumConnections: Int = 4,
        maximumWaitingRequests: Int = 10_000,
        connectTimeout: Duration = .seconds(2),
        commandTimeout: Duration = .seconds(5)
    ) {
        self.host = host
        self.port = port
        self.database = database
        self.username = username
        self.password = password
        self.maximumConnections = maximumConnections
        self.maximumWaitingRequests = maximumWaitingRequests
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
    }

    /// Fails with `.invalidConfiguration` on values no pool can work with.
    func validate() throws(RedisError) {
        func invalid(_ message: String) -> RedisError { RedisError(.invalidConfiguration, message) }
        guard !host.isEmpty else { throw invalid("the host is empty") }
        guard (1...65_535).contains(port) else { throw invalid("port \(port) is outside 1...65535") }
        guard database >= 0 else { throw invalid("database \(database) is negative") }
        guard maximumConnections >= 1 else { throw invalid("maximumConnections must be at least 1") }
        guard maximumWaitingRequests >= 0 else { throw invalid("maximumWaitingRequests must not be negative") }
        guard connectTimeout > .zero else { throw invalid("connectTimeout must be positive") }
        guard commandTimeout > .zero else { throw invalid("commandTimeout must be positive") }
    }
}

extension RedisConfiguration: CustomStringConvertible {
    /// The address as a URL, with the password masked, so configurations can be logged.
    public var description: String {
        var credentials = ""
        if username != nil || password != nil {
            credentials = (username ?? "") + (password == nil ? "" : ":***") + "@"
        }
        let bracketedHost = host.contains(":") ? "[\(host)]" : host
        return "redis://\(credentials)\(bracketedHost):\(port)/\(database)"
    }
}
