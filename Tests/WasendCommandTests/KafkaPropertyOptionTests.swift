import Foundation
import Testing
import WasendTestSupport

/// `--kafka-property`, which the API, the planner, the senders and the aggregator share.
@Suite("--kafka-property")
struct KafkaPropertyOptionTests {
    @Test("a property without '=' is refused, naming the flag, before the service starts", arguments: ["api", "sender", "planner", "aggregator"])
    func aPropertyWithoutValueIsRefused(command: String) async throws {
        let standardError = FileManager.default.temporaryDirectory.appendingPathComponent("wasend-\(command)-\(UUID().uuidString).err")
        defer { try? FileManager.default.removeItem(at: standardError) }
        // Nothing listens on port 1: had the service started, it would fail on Kafka or Redis instead.
        let process = try WasendProcess(
            [command, "--kafka-property", "session.timeout.ms", "--bootstrap-servers", "127.0.0.1:1"],
            standardError: standardError)
        #expect(try await process.waitForExit(timeout: .seconds(60)) != 0)
        let message = try String(contentsOf: standardError, encoding: .utf8)
        #expect(message.contains("--kafka-property session.timeout.ms: expected name=value"), "\(message)")
    }

    /// A property librdkafka does not know stops the service with librdkafka's own error: the flag's
    /// value reaches the Kafka clients.
    @Test("a property librdkafka does not know stops the service, naming it", arguments: ["planner", "aggregator"])
    func anUnknownPropertyReachesLibrdkafka(command: String) async throws {
        let standardError = FileManager.default.temporaryDirectory.appendingPathComponent("wasend-\(command)-\(UUID().uuidString).err")
        defer { try? FileManager.default.removeItem(at: standardError) }
        let process = try WasendProcess(
            [command, "--kafka-property", "no.such.property=1", "--bootstrap-servers", "127.0.0.1:1", "--metrics-port", "0"],
            standardError: standardError)
        #expect(try await process.waitForExit(timeout: .seconds(60)) != 0)
        let message = try String(contentsOf: standardError, encoding: .utf8)
        #expect(message.contains(#"No such configuration property: "no.such.property""#), "\(message)")
    }
}
