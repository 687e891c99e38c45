import ArgumentParser

/// `--kafka-property name=value` (repeatable): any librdkafka property of a service's producers
/// and consumers, over Wasend's own settings. For what the typed flags do not cover: a faster
/// failover (`session.timeout.ms`), security (`security.protocol`, `sasl.*`), a codec.
struct KafkaPropertyOptions: ParsableArguments {
    @Option(
        name: .customLong("kafka-property"),
        help: "A librdkafka property for this service's Kafka clients, `name=value` (repeatable); it wins over Wasend's own.")
    var rawProperties: [String] = []

    func validate() throws {
        for property in rawProperties {
            guard let equals = property.firstIndex(of: "="), equals != property.startIndex else {
                throw ValidationError("--kafka-property \(property): expected name=value")
            }
        }
    }

    /// The properties by name; a name given twice keeps its last value.
    var properties: [String: String] {
        var properties: [String: String] = [:]
        for property in rawProperties {
            let parts = property.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            properties[String(parts[0])] = String(parts[1])
        }
        return properties
    }
}
