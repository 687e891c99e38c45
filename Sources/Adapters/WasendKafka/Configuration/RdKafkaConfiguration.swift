import CRdKafka

/// Builds librdkafka configuration objects from plain properties.
enum RdKafkaConfiguration {
    /// Returns a new `rd_kafka_conf_t` holding `properties`; the caller owns it.
    static func make(_ properties: [String: String]) throws(KafkaError) -> OpaquePointer {
        guard let conf = rd_kafka_conf_new() else {
            throw KafkaError(code: .invalidArgument, message: "rd_kafka_conf_new returned NULL", context: "create a configuration")
        }
        // Sorted so that errors and logs are reproducible.
        for (name, value) in properties.sorted(by: { $0.key < $1.key }) {
            var errorText = RdKafkaErrorText()
            let result = rd_kafka_conf_set(conf, name, value, &errorText.buffer, errorText.buffer.count)
            if result != RD_KAFKA_CONF_OK {
                rd_kafka_conf_destroy(conf)
                throw KafkaError(
                    code: .invalidArgument, message: errorText.string, context: "set configuration property \(name)")
            }
        }
        return conf
    }
}
