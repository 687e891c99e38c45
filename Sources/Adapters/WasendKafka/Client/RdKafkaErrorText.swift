/// The buffer librdkafka's calls write their explanation into when they fail.
struct RdKafkaErrorText {
    var buffer = [CChar](repeating: 0, count: 512)

    var string: String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
