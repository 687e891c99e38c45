/// Recipients travel in batches of up to 1,000 on `wasend.recipients`, written by the API and read
/// by the planner: by hand, in the shape of the `Decodable` form (`variables` may be absent or null).
extension Recipient: JSONWritable, JSONReadable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("phone", phone)
        writer.key("variables")
        writer.beginObject()
        for (name, value) in variables {
            writer.key(escaping: name)
            writer.string(value)
        }
        writer.endObject()
        writer.member("opted_in", optedIn)
        writer.endObject()
    }

    public init(reading reader: inout JSONReader) throws(JSONReadError) {
        var phone: String?
        var variables: [String: String] = [:]
        var optedIn: Bool?
        try reader.readObject { reader, name throws(JSONReadError) in
            switch name {
            case "phone": phone = try reader.readString()
            case "opted_in": optedIn = try reader.readBool()
            case "variables":
                guard !reader.readNull() else { return }
                try reader.readObject { reader, name throws(JSONReadError) in variables[name] = try reader.readString() }
            default: try reader.skipValue()
            }
        }
        self.init(phone: try reader.required(phone, "phone"), variables: variables, optedIn: try reader.required(optedIn, "opted_in"))
    }
}
