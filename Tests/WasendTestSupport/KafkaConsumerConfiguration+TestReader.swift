import Foundation
import WasendKafka

extension KafkaConsumerConfiguration {
    /// A test's reader of topics from their start, in a group of its own, committing nothing.
    ///
    /// It uses the eager `roundrobin` assignment: a cooperative-sticky consumer closed before its
    /// first assignment aborts the whole process in librdkafka 2.0.2 (issue 4312), and on a loaded
    /// machine a reader may well be closed that early; in the test process that would end every
    /// test at once.
    public static func testReader(bootstrapServers: String) -> KafkaConsumerConfiguration {
        var configuration = KafkaConsumerConfiguration(
            bootstrapServers: bootstrapServers, groupID: "test-reader-\(UUID().uuidString)")
        configuration.autoCommit = false
        configuration.assignmentStrategy = .roundRobin
        return configuration
    }
}
