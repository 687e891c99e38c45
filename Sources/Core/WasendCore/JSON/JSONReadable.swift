/// A value with a hand-written JSON reader, for the records read once per message.
public protocol JSONReadable {
    init(reading reader: inout JSONReader) throws(JSONReadError)
}

extension JSONReadable {
    /// Reads a whole record, e.g. a Kafka record's value: nothing may follow the value.
    public init(json bytes: [UInt8]) throws(JSONReadError) {
        var reader = JSONReader(bytes)
        self = try Self(reading: &reader)
        try reader.finish()
    }
}
