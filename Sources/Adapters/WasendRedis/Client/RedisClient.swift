import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wasend's Redis client: a bounded pool of hiredis connections, each doing its blocking I/O on
/// its own serial queue, with typed replies, pipelines and Lua scripts by SHA1.
///
/// Batch what you can: a pipeline of many commands or script calls costs one round trip, and the
/// sender's rate limits and ledger are built on that.
///
/// ## Failures and retries
/// A connection that closed while idle (the server restarted) is opened again before the next
/// command is written, so that command is not lost. A command whose connection breaks *while it is
/// under way* fails with `.connectionClosed`, `.timeout` or `.io`, and the client does not send it
/// again by itself: the server may already have run it, and most of Wasend's commands (`INCR`,
/// scripts that take tokens or reserve a send) are not idempotent. The caller decides; the
/// connection is opened again for the next command.
///
/// The client ignores `SIGPIPE` for the whole process: hiredis writes with `write(2)`, and a write
/// to a socket the server closed must fail with `EPIPE`, not kill the process.
public final class RedisClient: Sendable {
    public let configuration: RedisConfiguration
    private let pool: RedisConnectionPool

    public init(configuration: RedisConfiguration, logger: Logger = Logger(label: "wasend.redis")) throws(RedisError) {
        try configuration.validate()
        signal(SIGPIPE, SIG_IGN)
        self.configuration = configuration
        self.pool = RedisConnectionPool(configuration: configuration, logger: logger)
        logger.debug("Redis client created", metadata: ["redis.url": "\(configuration)"])
    }

    /// Runs one command; an error reply from the server is thrown as a `RedisError` of kind `.server`.
    ///
    ///     try await redis.send("SET", "campaign:{42}:state", "running")
    @discardableResult
    public func send<each Argument: RedisArgument>(
        _ command: String, _ arguments: repeat each Argument
    ) async throws -> RESPValue {
        var pipeline = RedisPipeline()
        pipeline.append(command, repeat each arguments)
        return try await execute(pipeline)[0].throwingServerError()
    }

    /// Runs one command whose arguments are known only at run time (`DEL` of many keys).
    @discardableResult
    public func send(_ command: String, arguments: [any RedisArgument]) async throws -> RESPValue {
        var pipeline = RedisPipeline()
        pipeline.append(command, arguments: arguments)
        return try await execute(pipeline)[0].throwingServerError()
    }

    /// Runs a Lua script by its SHA1, loading it first if the server does not know it.
    @discardableResult
    public func run(
        _ script: RedisScript, keys: [any RedisArgument] = [], arguments: [any RedisArgument] = []
    ) async throws -> RESPValue {
        var pipeline = RedisPipeline()
        pipeline.append(script, keys: keys, arguments: arguments)
        return try await execute(pipeline)[0].throwingServerError()
    }

    /// Sends every command of `pipeline` in one round trip on one connection and returns one reply
    /// per command, in order. A command the server refuses gives an `.error` reply in its place
    /// and does not stop the others (`RESPValue.throwingServerError()` turns it into a throw).
    ///
    /// Script calls that meet `NOSCRIPT` are repaired in a second round trip: the scripts are
    /// loaded and those calls sent again, so they run after the pipeline's other commands. A
    /// pipeline is not a transaction; put `MULTI` … `EXEC` in it when atomicity matters (and then
    /// no script call inside the transaction, since `EXEC` reports `NOSCRIPT` only as its result).
    ///
    /// Throws when the connection fails; the server may then have run any prefix of the pipeline.
    public func execute(_ pipeline: RedisPipeline) async throws -> [RESPValue] {
        guard !pipeline.isEmpty else { return [] }
        return try await pool.withConnection { connection in
            try await connection.execute(pipeline)
        }
    }

    /// Fails the calls waiting for a connection and all later calls; calls under way complete.
    /// The connections close as they come back to the pool.
    public func shutDown() {
        pool.shutDown()
    }
}
