import WasendCore

/// The NDJSON upload reads one of these per line, a million in a large upload: ``JSONReader``
/// reads the well-formed lines, and a line it refuses goes to `JSONDecoder`, whose errors name the
/// field for the 400 answer. So it must refuse whatever the `Decodable` form refuses.
extension UploadedRecipient: JSONReadable {
    public init(reading reader: inout JSONReader) throws(JSONReadError) {
        var phone: String?
        var optIn: Bool?
        var variables: [String: String] = [:]
        try reader.readObject { reader, name throws(JSONReadError) in
            switch name {
            case "phone": phone = try reader.readString()
            case "opt_in": optIn = try reader.readBool()
            case "variables":
                guard !reader.readNull() else { return }
                try reader.readObject { reader, name throws(JSONReadError) in variables[name] = try reader.readString() }
            default: try reader.skipValue()
            }
        }
        let readPhone = try reader.required(phone, "phone")
        guard !readPhone.isEmpty else { throw reader.invalid("phone must not be empty") }
        self.init(phone: readPhone, optIn: try reader.required(optIn, "opt_in"), variables: variables)
    }
}
