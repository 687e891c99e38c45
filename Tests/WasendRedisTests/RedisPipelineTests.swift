import Testing
@testable import WasendRedis

@Suite struct RedisPipelineTests {
    @Test func argumentsShareOneBufferWithTheirEnds() {
        var pipeline = RedisPipeline()
        pipeline.append("SET", "k", [UInt8]([0, 255]))
        pipeline.append("INCRBY", "n", 12)
        #expect(pipeline.bytes == Array("SETk".utf8) + [0, 255] + Array("INCRBYn12".utf8))
        #expect(pipeline.argumentEnds == [3, 4, 6, 12, 13, 15])
        #expect(pipeline.commandEnds == [3, 6])
    }

    @Test func aCopiedScriptCallIsTheSameCommand() {
        let script = RedisScript("return ARGV[1]")
        var original = RedisPipeline()
        original.append("PING")
        original.append(script, keys: ["a", "b"], arguments: ["x", 7])
        original.append("PING")

        var copy = RedisPipeline()
        copy.append("SCRIPT", "LOAD", script.source)
        copy.append(copyOf: original.scriptCalls[0], from: original)

        var expected = RedisPipeline()
        expected.append("SCRIPT", "LOAD", script.source)
        expected.append(script, keys: ["a", "b"], arguments: ["x", 7])
        #expect(copy.bytes == expected.bytes)
        #expect(copy.argumentEnds == expected.argumentEnds)
        #expect(copy.commandEnds == expected.commandEnds)
        #expect(copy.scriptCalls.map(\.commandIndex) == [1])
    }
}
