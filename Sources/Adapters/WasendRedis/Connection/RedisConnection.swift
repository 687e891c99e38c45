import CHiredis
import Dispatch
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One hiredis connection and the serial queue on which all its blocking calls run, away from
/// Swift's cooperative thread pool.
///
/// The pool leases a connection to one caller at a time; `context` and `argv` are touched only on
/// `queue`, which is what makes the unchecked `Sendable` sound. The hiredis context is opened on
/// first use and opened again on the next use after it failed: a socket that broke, timed out or
/// was closed by the server is freed, never reused.
final class RedisConnection: @unchecked Sendable {
    let id: Int
    private let configuration: RedisConfiguration
    private let logger: Logger
    private let queue: DispatchQueue
    private var context: UnsafeMutablePointer<redisContext>?
    private let argv = RedisArgvBuffer()

    init(id: Int, configuration: RedisConfiguration, logger: Logger) {
        self.id = id
        self.configuration = configuration
        var logger = logger
        logger[metadataKey: "redis.connection"] = "\(id)"
        self.logger = logger
        self.queue = DispatchQueue(label: "wasend.redis.connection.\(id)")
    }

    deinit {
        // The last reference is gone, so no work for this connection is queued or running.
        if let context {
            redisFree(context)
        }
    }

    /// Sends the pipeline in one round trip and returns its replies in order, server errors included
    /// as `.error` values. Scripts the server lost are loaded and their calls sent again.
    ///
    /// Cancelling the task does not interrupt a round trip under way: `commandTimeout` bounds it.
    func execute(_ pipeline: RedisPipeline) async throws -> [RESPValue] {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { () throws(RedisError) in try self.executeOnQueue(pipeline) })
            }
        }
    }

    // MARK: On the queue

    private func executeOnQueue(_ pipeline: RedisPipeline) throws(RedisError) -> [RESPValue] {
        let context = try connectedContext()
        do {
            var replies = try roundTrip(pipeline, on: context)
            try reloadMissingScripts(of: pipeline, replies: &replies, on: context)
            return replies
        } catch {
            discardContext(after: error)
            throw error
        }
    }

    /// A working context: the current one if it is healthy, else a new one, authenticated.
    private func connectedContext() throws(RedisError) -> UnsafeMutablePointer<redisContext> {
        if let context {
            if context.pointee.err == 0 && !Self.hasUnexpectedInput(context) {
                return context
            }
            // Typically the server closed an idle connection (it restarted): nothing was sent yet,
            // so opening a new connection now loses no command.
            logger.debug("Redis connection went away while idle; reconnecting")
            redisFree(context)
            self.context = nil
        }
        let context = try connect()
        do {
            try authenticate(context)
        } catch {
            redisFree(context)
            throw error
        }
        self.context = context
        return context
    }

    private func connect() throws(RedisError) -> UnsafeMutablePointer<redisContext> {
        let address = "\(configuration.host):\(configuration.port)"
        let context = configuration.host.withCString { host in
            redisConnectWithTimeout(host, Int32(configuration.port), timeval(configuration.connectTimeout))
        }
        let connectErrno = errno
        guard let context else {
            throw RedisError(.io, "cannot allocate a hiredis context for \(address)")
        }
        if context.pointee.err != 0 {
            let error = Self.error(of: context, errno: connectErrno, doing: "connecting to \(address)")
            redisFree(context)
            throw error
        }
        if redisSetTimeout(context, timeval(configuration.commandTimeout)) != REDIS_OK
            || redisEnableKeepAlive(context) != REDIS_OK
        {
            let error = Self.error(of: context, errno: errno, doing: "configuring the socket to \(address)")
            redisFree(context)
            throw error
        }
        logger.debug("Redis connection opened", metadata: ["redis.address": "\(address)"])
        return context
    }

    /// `AUTH` and `SELECT`, in one round trip, before the context is used for anything else.
    private func authenticate(_ context: UnsafeMutablePointer<redisContext>) throws(RedisError) {
        var setup = RedisPipeline()
        if let password = configuration.password {
            if let username = configuration.username {
                setup.append("AUTH", username, password)
            } else {
                setup.append("AUTH", password)
            }
        }
        if configuration.database != 0 {
            setup.append("SELECT", configuration.database)
        }
        guard !setup.isEmpty else { return }
        for reply in try roundTrip(setup, on: context) {
            if let message = reply.errorMessage {
                throw RedisError(.authentication, message)
            }
        }
    }

    private func roundTrip(
        _ pipeline: RedisPipeline, on context: UnsafeMutablePointer<redisContext>
    ) throws(RedisError) -> [RESPValue] {
        guard argv.appendCommands(of: pipeline, to: context) else {
            throw RedisError(.io, "hiredis could not buffer the commands (out of memory)")
        }
        var replies: [RESPValue] = []
        replies.reserveCapacity(pipeline.count)
        for _ in 0..<pipeline.count {
            var reply: UnsafeMutableRawPointer?
            guard redisGetReply(context, &reply) == REDIS_OK, let reply else {
                throw Self.error(of: context, errno: errno, doing: "waiting for a reply")
            }
            defer { freeReplyObject(reply) }
            replies.append(try RESPValue(reply.assumingMemoryBound(to: redisReply.self)))
        }
        return replies
    }

    /// Repairs the `NOSCRIPT` replies of script calls: loads each missing script once and sends the
    /// calls that failed again, in one more round trip. A call that met `NOSCRIPT` did not run, so
    /// sending it again cannot apply it twice; it does run after the pipeline's other commands.
    private func reloadMissingScripts(
        of pipeline: RedisPipeline, replies: inout [RESPValue], on context: UnsafeMutablePointer<redisContext>
    ) throws(RedisError) {
        let missing = pipeline.scriptCalls.filter { call in
            replies[call.commandIndex].errorMessage?.hasPrefix("NOSCRIPT") == true
        }
        guard !missing.isEmpty else { return }

        var retry = RedisPipeline()
        var loadIndex: [String: Int] = [:]
        for call in missing where loadIndex[call.script.sha1] == nil {
            loadIndex[call.script.sha1] = retry.count
            retry.append("SCRIPT", "LOAD", call.script.source)
        }
        let firstCall = retry.count
        for call in missing {
            retry.append(copyOf: call, from: pipeline)
        }
        logger.debug("Reloading Lua scripts the server lost", metadata: ["redis.scripts": "\(loadIndex.count)"])

        let retried = try roundTrip(retry, on: context)
        for (offset, call) in missing.enumerated() {
            let load = retried[loadIndex[call.script.sha1]!]
            // A script that does not compile: its load error says why, better than `NOSCRIPT`.
            replies[call.commandIndex] = load.errorMessage == nil ? retried[firstCall + offset] : load
        }
    }

    /// Frees the context after a failure of the connection itself; server errors leave it usable.
    private func discardContext(after error: RedisError) {
        guard error.kind != .server, error.kind != .unexpectedReply, let context else { return }
        logger.debug("Redis connection discarded", metadata: ["redis.error": "\(error.kind)"])
        redisFree(context)
        self.context = nil
    }

    /// Whether an idle socket is readable: the server closed it (EOF) or sent what nobody asked for.
    /// Either way the connection cannot be trusted with the next command.
    private static func hasUnexpectedInput(_ context: UnsafeMutablePointer<redisContext>) -> Bool {
        var descriptor = pollfd(fd: context.pointee.fd, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) != 0
    }
}
