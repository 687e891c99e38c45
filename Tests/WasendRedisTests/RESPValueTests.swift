import Testing
import WasendRedis

@Suite struct RESPValueTests {
    @Test func accessorsReadTheShapesLuaAndCommandsReturn() {
        #expect(RESPValue.integer(42).int == 42)
        #expect(RESPValue.bulkString(Array("17".utf8)).int == 17)
        #expect(RESPValue.bulkString(Array("0.25".utf8)).double == 0.25)
        #expect(RESPValue.simpleString("OK").string == "OK")
        #expect(RESPValue.bulkString([0, 1, 255]).bytes == [0, 1, 255])
        #expect(RESPValue.null.isNull)
        #expect(RESPValue.null.string == nil)
        #expect(RESPValue.array([.integer(1), .null]).array?.count == 2)
        #expect(RESPValue.error("ERR nope").errorMessage == "ERR nope")
        #expect(RESPValue.integer(1).errorMessage == nil)
    }

    @Test func throwingServerErrorKeepsTheServerText() {
        let text = "WRONGTYPE Operation against a key holding the wrong kind of value"
        #expect(throws: RedisError(.server, text)) { try RESPValue.error(text).throwingServerError() }
        #expect(throws: Never.self) { try RESPValue.integer(1).throwingServerError() }
        #expect(RedisError(.server, text).serverErrorPrefix == "WRONGTYPE")
    }

    @Test func scriptsAreNamedByTheirSHA1() {
        #expect(RedisScript("return 1").sha1 == "e0e1f9fabfc9d4800c877a703b823ac0578ff8db")
        #expect(RedisScript("").sha1 == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
    }

    @Test func pipelinesCountTheirCommands() {
        var pipeline = RedisPipeline()
        #expect(pipeline.isEmpty)
        pipeline.append("SET", "key", [UInt8]([0, 1]))
        pipeline.append("MGET", arguments: ["a", "b", 3])
        pipeline.append(RedisScript("return 1"), keys: ["k"], arguments: [1.5])
        #expect(pipeline.count == 3)
    }
}
