/// A value with a hand-written JSON form, for the records written once per message.
public protocol JSONWritable {
    func writeJSON(to writer: inout JSONWriter)
}

extension JSONWritable {
    /// The value's JSON on its own, e.g. a Kafka record's value.
    public func jsonBytes(capacity: Int = 512) -> [UInt8] {
        var writer = JSONWriter(capacity: capacity)
        writeJSON(to: &writer)
        return writer.bytes
    }
}
