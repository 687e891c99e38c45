import Testing
import WasendKafka

@Suite("KafkaError")
struct KafkaErrorTests {
    @Test("carries librdkafka's code, name and text")
    func codeNameAndText() {
        let error = KafkaError(code: .queueFull, context: "produce to wasend.jobs")
        #expect(error.code.rawValue == -184)
        #expect(error.code.name == "_QUEUE_FULL")
        #expect(error.message == KafkaError.Code.queueFull.text)
        #expect(error.message.lowercased().contains("queue full"))
        #expect(error.description.contains("produce to wasend.jobs"))
        #expect(error.description.contains("_QUEUE_FULL"))
    }

    @Test("maps protocol errors by their Kafka code")
    func protocolCodes() {
        #expect(KafkaError.Code.topicAlreadyExists.rawValue == 36)
        #expect(KafkaError.Code.topicAlreadyExists.name == "TOPIC_ALREADY_EXISTS")
        #expect(KafkaError.Code(rawValue: 3) == .unknownTopicOrPartition)
        #expect(!KafkaError.Code(rawValue: 12_345).text.isEmpty)
    }

    @Test("a bad configuration property is an error naming the property")
    func badConfiguration() {
        var configuration = KafkaProducerConfiguration(bootstrapServers: "127.0.0.1:1")
        configuration.properties["linger.ms"] = "not a number"
        let error = #expect(throws: KafkaError.self) {
            _ = try KafkaProducer(configuration: configuration, logger: testLogger("test"))
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.context.contains("linger.ms") == true)
        #expect(error?.message.isEmpty == false)
    }

    @Test("an unknown property is an error, not ignored")
    func unknownProperty() {
        var configuration = KafkaConsumerConfiguration(bootstrapServers: "127.0.0.1:1", groupID: "g")
        configuration.properties["no.such.property"] = "1"
        #expect(throws: KafkaError.self) {
            _ = try KafkaConsumer(configuration: configuration, topics: ["t"], logger: testLogger("test"))
        }
    }
}
