import Testing
import WasendTestSupport

@Suite("wasend dev")
struct DevCommandTests {
    @Test("starts the embedded Kafka and a redis-server, and both work end to end")
    func embeddedKafkaAndRedisWork() async throws {
        let dev = try WasendProcess(["dev", "--check-only", "--partitions", "4"])
        let status = try await dev.waitForExit(timeout: .seconds(120))
        #expect(status == 0)
        let lines = dev.lines
        #expect(lines.contains { $0.hasPrefix("kafka bootstrap=127.0.0.1:") })
        #expect(lines.contains { $0.hasPrefix("kafka ok: produced with acks=all") })
        #expect(lines.contains { $0.hasPrefix("redis ok: redis-server") })
    }

    @Test("a bad option is refused with its name and changes nothing")
    func badOptionIsRefused() async throws {
        let dev = try WasendProcess(["dev", "--partitions", "0"])
        let status = try await dev.waitForExit()
        #expect(status != 0)
    }
}
