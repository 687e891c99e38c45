import Testing
import WasendRedis
import WasendTestSupport

/// Commands, pipelines and scripts against a real `redis-server` started by each test.
@Suite struct RedisClientTests {
    @Test func pipelineOfTenThousandCommandsRepliesInOrder() async throws {
        let server = try await RedisServerProcess.start()
        let redis = try RedisClient(configuration: server.configuration)
        defer { redis.shutDown() }

        var pipeline = RedisPipeline(reservingCommands: 10_000)
        for index in 0..<10_000 {
            if index.isMultiple(of: 2) {
                pipeline.append("INCR", "counter")
            } else {
                pipeline.append("ECHO", "reply \(index)")
            }
        }
        let replies = try await redis.execute(pipeline)

        #expect(replies.count == 10_000)
        for (index, reply) in replies.enumerated() {
            if index.isMultiple(of: 2) {
                #expect(reply == .integer(Int64(index / 2 + 1)))
            } else {
                #expect(reply.string == "reply \(index)")
            }
        }
    }

    @Test func valuesAreBinarySafe() async throws {
        let server = try await RedisServerProcess.start()
        let redis = try RedisClient(configuration: server.configuration)
        defer { redis.shutDown() }

        let value: [UInt8] = [0, 0, 13, 10, 255, 36, 42, 0] + Array("\r\n$-1\r\n".utf8) + [0]
        let key: [UInt8] = [107, 0, 101, 121]
        try await redis.send("SET", key, value)

        #expect(try await redis.send("GET", key) == .bulkString(value))
        #expect(try await redis.send("STRLEN", key) == .integer(Int64(value.count)))
        #expect(try await redis.send("GET", "k").isNull)
        #expect(try await redis.send("SET", "empty", "") == .simpleString("OK"))
        #expect(try await redis.send("GET", "empty") == .bulkString([]))
    }

    @Test func serverErrorsSurfaceAsErrors() async throws {
        let server = try await RedisServerProcess.start()
        let redis = try RedisClient(configuration: server.configuration)
        defer { redis.shutDown() }

        try await redis.send("LPUSH", "list", "a")
        let wrongType = await #expect(throws: RedisError.self) { try await redis.send("INCR", "list") }
        #expect(wrongType?.kind == .server)
        #expect(wrongType?.serverErrorPrefix == "WRONGTYPE")

        let unknown = await #expect(throws: RedisError.self) { try await redis.send("NO-SUCH-COMMAND") }
        #expect(unknown?.kind == .server)
        #expect(unknown?.message.contains("unknown command") == true)

        // Inside a pipeline an error is one reply among the others, and the connection stays usable.
        var pipeline = RedisPipeline()
        pipeline.append("SET", "a", 1)
        pipeline.append("INCR", "list")
        pipeline.append("INCR", "a")
        let replies = try await redis.execute(pipeline)
        #expect(replies[0] == .simpleString("OK"))
        #expect(replies[1].errorMessage?.hasPrefix("WRONGTYPE") == true)
        #expect(replies[2] == .integer(2))
    }

    @Test func scriptsRunByHashAndSurviveScriptFlush() async throws {
        let server = try await RedisServerProcess.start()
        let redis = try RedisClient(configuration: server.configuration)
        defer { redis.shutDown() }
        let add = RedisScript("return redis.call('INCRBY', KEYS[1], ARGV[1])")

        #expect(try await redis.run(add, keys: ["total"], arguments: [5]) == .integer(5))
        #expect(try await redis.send("SCRIPT", "EXISTS", add.sha1) == .array([.integer(1)]))

        try await redis.send("SCRIPT", "FLUSH")
        #expect(try await redis.send("SCRIPT", "EXISTS", add.sha1) == .array([.integer(0)]))
        #expect(try await redis.run(add, keys: ["total"], arguments: [2]) == .integer(7))
    }

    @Test func scriptCallsInsidePipelinesAreReloadedOnce() async throws {
        let server = try await RedisServerProcess.start()
        let redis = try RedisClient(configuration: server.configuration)
        defer { redis.shutDown() }
        let take = RedisScript("return redis.call('DECRBY', KEYS[1], ARGV[1])")
        let give = RedisScript("return redis.call('INCRBY', KEYS[1], ARGV[1])")

        var pipeline = RedisPipeline()
        for index in 0..<100 {
            pipeline.append(index.isMultiple(of: 2) ? take : give, keys: ["bucket:{\(index % 4)}"], arguments: [index])
            pipeline.append("GET", "unrelated")
        }
        let replies = try await redis.execute(pipeline)

        #expect(replies.count == 200)
        var totals = [Int: Int]()
        for index in 0..<100 {
            let change = index.isMultiple(of: 2) ? -index : index
            totals[index % 4, default: 0] += change
            #expect(replies[2 * index] == .integer(Int64(totals[index % 4]!)))
            #expect(replies[2 * index + 1].isNull)
        }
    }

    @Test func aScriptThatDoesNotCompileReportsTheCompileError() async throws {
        let server = try await RedisServerProcess.start()
        let redis = try RedisClient(configuration: server.configuration)
        defer { redis.shutDown() }

        let error = await #expect(throws: RedisError.self) {
            try await redis.run(RedisScript("this is not lua"))
        }
        #expect(error?.kind == .server)
        #expect(error?.message.contains("compiling") == true)
    }

    @Test func manyTasksShareTheBoundedPool() async throws {
        let server = try await RedisServerProcess.start()
        var configuration = server.configuration
        configuration.maximumConnections = 3
        let redis = try RedisClient(configuration: configuration)
        defer { redis.shutDown() }

        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<200 {
                group.addTask {
                    for step in 0..<10 {
                        try await redis.send("INCR", "shared")
                        try await redis.send("SET", "task:\(task)", step)
                    }
                }
            }
            try await group.waitForAll()
        }

        #expect(try await redis.send("GET", "shared").int == 2_000)
        let clients = try await redis.send("CLIENT", "LIST").string ?? ""
        #expect(clients.split(separator: "\n").count <= 3)
    }

    @Test func selectsTheConfiguredDatabaseAndAuthenticates() async throws {
        let server = try await RedisServerProcess.start(options: .init(password: "s3cret"))
        var configuration = server.configuration
        configuration.database = 5
        let redis = try RedisClient(configuration: configuration)
        defer { redis.shutDown() }

        try await redis.send("SET", "where", "db5")
        #expect(try await redis.send("CLIENT", "INFO").string?.contains("db=5") == true)

        configuration.password = "wrong"
        let intruder = try RedisClient(configuration: configuration)
        defer { intruder.shutDown() }
        let error = await #expect(throws: RedisError.self) { try await intruder.send("PING") }
        #expect(error?.kind == .authentication)
        #expect(error?.message.contains("wrong") == false)
    }
}
