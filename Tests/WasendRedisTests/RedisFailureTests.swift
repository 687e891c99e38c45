import Testing
import WasendRedis
import WasendTestSupport

/// The client against a server that restarts, dies or hangs.
@Suite(.serialized) struct RedisFailureTests {
    @Test func clientRecoversAfterTheServerRestarts() async throws {
        let server = try await RedisServerProcess.start(options: .init(persistence: .appendOnly))
        let redis = try RedisClient(configuration: server.configuration)
        defer { redis.shutDown() }
        let script = RedisScript("return redis.call('INCR', KEYS[1])")
        #expect(try await redis.run(script, keys: ["runs"]) == .integer(1))

        try await server.restart()

        // The idle connection was closed by the server: it is opened again before the command is
        // written, and the script the new server does not know is loaded again.
        #expect(try await redis.run(script, keys: ["runs"]) == .integer(2))
        #expect(try await redis.send("PING") == .simpleString("PONG"))
    }

    @Test func everyPooledConnectionRecoversAfterARestart() async throws {
        let server = try await RedisServerProcess.start()
        var configuration = server.configuration
        configuration.maximumConnections = 4
        let redis = try RedisClient(configuration: configuration)
        defer { redis.shutDown() }
        try await ping(redis, concurrently: 16)

        try await server.restart()

        try await ping(redis, concurrently: 16)
    }

    @Test func aCommandToADeadServerFailsWithConnectionRefused() async throws {
        let server = try await RedisServerProcess.start()
        let redis = try RedisClient(configuration: server.configuration)
        defer { redis.shutDown() }
        try await redis.send("PING")

        await server.stop()

        let error = await #expect(throws: RedisError.self) { try await redis.send("PING") }
        #expect(error?.kind == .connectionRefused)
        #expect(error?.message.contains("\(server.port)") == true)

        // The caller may retry once the server is back.
        try await server.start()
        #expect(try await redis.send("PING") == .simpleString("PONG"))
    }

    @Test func aCommandToAFrozenServerTimesOut() async throws {
        let server = try await RedisServerProcess.start()
        let redis = try RedisClient(configuration: server.configuration)
        defer { redis.shutDown() }
        try await redis.send("SET", "key", "value")

        server.pause()
        let error = await #expect(throws: RedisError.self) { try await redis.send("GET", "key") }
        server.resume()

        #expect(error?.kind == .timeout)
        // The timed-out connection was dropped: its late reply cannot be mistaken for the next one's.
        #expect(try await redis.send("GET", "key").string == "value")
        #expect(try await redis.send("ECHO", "next").string == "next")
    }

    @Test func aCommandInterruptedByACrashReportsTheBrokenConnection() async throws {
        let server = try await RedisServerProcess.start()
        // A command timeout far beyond the test, so that only the crash can end the BLPOP.
        var configuration = server.configuration
        configuration.commandTimeout = .seconds(300)
        let redis = try RedisClient(configuration: configuration)
        defer { redis.shutDown() }
        try await redis.send("PING")

        let blocked = Task { try await redis.send("BLPOP", "never", 0) }
        try await Task.sleep(for: .milliseconds(200))
        await server.kill()

        let error = await #expect(throws: RedisError.self) { try await blocked.value }
        #expect(error?.kind == .connectionClosed)

        try await server.start()
        #expect(try await redis.send("PING") == .simpleString("PONG"))
    }

    @Test func callsAfterShutDownFail() async throws {
        let server = try await RedisServerProcess.start()
        let redis = try RedisClient(configuration: server.configuration)
        try await redis.send("PING")
        redis.shutDown()

        let error = await #expect(throws: RedisError.self) { try await redis.send("PING") }
        #expect(error?.kind == .poolShutDown)
    }

    private func ping(_ redis: RedisClient, concurrently count: Int) async throws {
        try await withThrowingTaskGroup(of: RESPValue.self) { group in
            for _ in 0..<count {
                group.addTask { try await redis.send("PING") }
            }
            for try await reply in group {
                #expect(reply == .simpleString("PONG"))
            }
        }
    }
}
