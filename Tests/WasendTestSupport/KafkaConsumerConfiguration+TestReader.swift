import Foundation
import WasendKafka

extension KafkaConsumerConfiguration {
    /// A test's reader of topics from their start, in a group of its own, committing nothing.
    public static func testReader(bootstrapServers: String) -> KafkaConsumerConfiguration {
        var configuration = KafkaConsumerConfiguration(
            bootstrapServers: bootstrapServers, groupID: "test-reader-\(UUID().uuidString)")
        configuration.autoCommit = false
        return configuration
    }
}
